import { SearchOutlined } from '@ant-design/icons';
import { AutoComplete, Input, Spin, Typography } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import type { InputRef } from 'antd';
import { useSearch } from '../api/useSearch.query';
import { useProcessName } from '../api/useProcesses.query';
import { useI18n } from '../i18n/I18nProvider';
import { describeError } from '../lib/problems';
import { useDebounced } from '../lib/useDebounced';
import { caseHref } from '../pages/Cases/caseLinks';
import { useUnitName } from '../pages/Cases/useUnitName';
import { caseStatusLabel } from './outcomes';

/** Where a customer hit leads: its customer page. */
export const customerHref = (customerId: string) => `/customers/${encodeURIComponent(customerId)}`;

/**
 * The header's one search box (Ctrl+K / ⌘K reaches it): cases by 业务编号, number (TS-, PG-, KH- …),
 * title or customer; customers by number, name, contact or phone; people for those who may browse
 * the directory. Results grouped by kind, only what the reader may see (the server decides);
 * Enter on a case or customer opens it, 查看全部 opens the 案例 list with the same search.
 */
export function GlobalSearch({ width = 260 }: { width?: number }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [text, setText] = useState('');
  const q = useDebounced(text, 250);
  const result = useSearch(q);
  const unit = useUnitName();
  const input = useRef<InputRef>(null);

  useEffect(() => {
    // Ctrl+K / ⌘K, as in most consoles: `/` belongs to the page's own search (the inbox's, the 案例 list's).
    const onKey = (e: KeyboardEvent) => {
      if (e.key.toLowerCase() === 'k' && (e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey) {
        e.preventDefault();
        input.current?.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const processName = useProcessName();
  const data = text.trim() ? result.data : undefined;
  const options = useMemo(() => {
    if (!data) return [];
    const groups = [];
    if (data.cases.items.length) {
      groups.push({
        label: <Typography.Text type="secondary">{t('search.cases')}</Typography.Text>,
        options: [
          ...data.cases.items.map((c) => ({
            value: `case:${c.id}`,
            label: (
              <div className="sw-search-hit">
                <Typography.Text ellipsis>{c.title}</Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {c.businessKey} · {processName(c.processKey)} · {caseStatusLabel(t, c.status)}
                </Typography.Text>
              </div>
            ),
          })),
          ...(data.cases.more ? [{ value: `cases:${q.trim()}`, label: <Typography.Link>{t('search.allCases')}</Typography.Link> }] : []),
        ],
      });
    }
    if (data.customers.items.length) {
      groups.push({
        label: <Typography.Text type="secondary">{t('search.customers')}</Typography.Text>,
        options: data.customers.items.map((c) => ({
          value: `customer:${c.id}`,
          label: (
            <div className="sw-search-hit">
              <Typography.Text ellipsis>{c.name}</Typography.Text>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {c.id} · {t('search.tier', { tier: c.tier })}
              </Typography.Text>
            </div>
          ),
        })),
      });
    }
    if (data.archives.items.length) {
      groups.push({
        label: <Typography.Text type="secondary">{t('search.archives')}</Typography.Text>,
        options: data.archives.items.map((a) => ({
          value: `archive:${a.id}`,
          label: (
            <div className="sw-search-hit">
              <Typography.Text ellipsis>{a.title}</Typography.Text>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {a.id}
              </Typography.Text>
            </div>
          ),
        })),
      });
    }
    if (data.people?.items.length) {
      groups.push({
        label: <Typography.Text type="secondary">{t('search.people')}</Typography.Text>,
        options: data.people.items.map((p) => ({
          value: `person:${p.id}`,
          disabled: true,
          label: (
            <div className="sw-search-hit">
              <Typography.Text>{p.displayName}</Typography.Text>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {unit(p.unitId)}
              </Typography.Text>
            </div>
          ),
        })),
      });
    }
    return groups;
  }, [data, processName, unit, t, q]);

  const searching = text.trim().length > 0 && (result.isFetching || q !== text);
  const notFound = !text.trim() ? null : searching ? (
    <Spin size="small" />
  ) : result.isError ? (
    <Typography.Text type="danger">{describeError(result.error, t)}</Typography.Text>
  ) : (
    <Typography.Text type="secondary">{t('search.nothing')}</Typography.Text>
  );

  const open = (value: string) => {
    const [kind, ...rest] = value.split(':');
    const id = rest.join(':');
    if (kind === 'case') navigate(caseHref(id));
    else if (kind === 'customer') navigate(customerHref(id));
    else if (kind === 'archive') navigate(`/archives/${encodeURIComponent(id)}`);
    else if (kind === 'cases') navigate(`/cases?q=${encodeURIComponent(id)}`);
    else return;
    setText('');
    input.current?.blur();
  };

  // The header's 64 px line height would otherwise stretch the box.
  return (
    <div style={{ lineHeight: 'normal', display: 'flex', alignItems: 'center' }}>
    <AutoComplete
      // An id of its own: a test build of antd gives every generated id one value ("test-id"), and
      // labels and modal titles further down the page would then name this box.
      id="sw-global-search"
      value={text}
      options={options}
      onSearch={setText}
      onSelect={open}
      notFoundContent={notFound}
      style={{ width }}
      popupMatchSelectWidth={Math.max(width, 340)}
      aria-label={t('search.label')}
    >
      <Input
        ref={input}
        allowClear
        prefix={<SearchOutlined />}
        placeholder={t('search.placeholder')}
        aria-label={t('search.label')}
        onPressEnter={() => {
          // Enter with nothing highlighted: the 案例 list with the same search.
          if (text.trim() && !document.querySelector('.ant-select-item-option-active')) open(`cases:${text.trim()}`);
        }}
      />
    </AutoComplete>
    </div>
  );
}
