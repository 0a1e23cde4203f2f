import { ClearOutlined, SearchOutlined } from '@ant-design/icons';
import { Button, Flex, Input, Segmented, Select, type InputRef } from 'antd';
import { lazy, startTransition, Suspense, useEffect, useState, type Ref } from 'react';
import { DEFAULT_TASK_LIST_PARAMS, dueDayProblem, hasNarrowingFilters, withStatus } from '../../api/taskListParams';
import { FILTER_YEARS } from '../../../../contract/input-limits';
import type { TaskSort } from '../../../../contract';
import { defaultTaskSort } from '../../../../contract/task-sort';
import type { TaskListParams } from '../../api/listParams';
import { useProcesses } from '../../api/useProcesses.query';
import { useI18n } from '../../i18n/I18nProvider';
import { ownProcessName, processText } from '../../lib/processNames';

const SEARCH_DEBOUNCE_MS = 300;

// antd's date picker (rc-picker, dayjs, ≈ 35 kB gzip) stays out of the inbox's first load. Rendered with the filters,
// its chunk was asked for before the rows showed, beside the route's own code (B5: 379 → 415 kB, 4 Dec, issue 19): now
// half a second after the list has drawn, or at once when the field is pointed at or focused first (it then opens focused).
const DayPicker = lazy(() => import('../../components/DayPicker'));
const PICKER_AFTER_LIST_MS = 500;

interface Props {
  params: TaskListParams;
  onChange: (next: TaskListParams) => void;
  searchRef: Ref<InputRef>;
  /** Esc in the search box: hand the keyboard back to the list. */
  onLeaveSearch: () => void;
  /** Process keys seen in the list: offered even if the process list cannot be loaded. */
  seenProcessKeys: string[];
  /** One field per line at full width (the phone's filter drawer). */
  stacked?: boolean;
  /** The list has drawn (or failed): the day picker's code may load. */
  listDrawn?: boolean;
}

/** Free text (business key, case title, customer), process, due-before day, open/completed, sort. */
export function Filters({ params, onChange, searchRef, onLeaveSearch, seenProcessKeys, stacked = false, listDrawn = true }: Props) {
  const { t } = useI18n();
  const processes = useProcesses();

  // The search box types ahead of the URL; a saved view or reset replaces what was typed.
  const [draft, setDraft] = useState(params.q ?? '');
  const [shownQ, setShownQ] = useState(params.q);
  if (shownQ !== params.q) {
    setShownQ(params.q);
    setDraft(params.q ?? '');
  }
  useEffect(() => {
    if (draft.trim() === (params.q ?? '')) return;
    const id = window.setTimeout(() => onChange({ ...params, q: draft.trim() || undefined }), SEARCH_DEBOUNCE_MS);
    return () => window.clearTimeout(id);
  }, [draft, params, onChange]);

  // The day as typed: applied only once it is a day the API can be asked about, else explained beside the field.
  const [dueDraft, setDueDraft] = useState(params.dueBefore ?? '');
  const [shownDue, setShownDue] = useState(params.dueBefore);
  if (shownDue !== params.dueBefore) {
    setShownDue(params.dueBefore);
    setDueDraft(params.dueBefore ?? '');
  }
  // Asked for in a transition: React keeps the stand-in (and the focus in it) on screen until the picker's code is here.
  const [pickerWanted, setPickerWanted] = useState(false);
  const wantPicker = () => startTransition(() => setPickerWanted(true));
  // Whether the stand-in holds the focus as the picker replaces it: then the picker takes it, with its calendar open.
  const [standInFocused, setStandInFocused] = useState(false);
  useEffect(() => {
    if (pickerWanted || !listDrawn) return;
    const id = window.setTimeout(wantPicker, PICKER_AFTER_LIST_MS);
    return () => window.clearTimeout(id);
  }, [listDrawn, pickerWanted]);
  const dueProblem = dueDraft ? dueDayProblem(dueDraft) : null;
  const dueWidth = stacked ? '100%' : 210;
  const changeDue = (day: string) => {
    setDueDraft(day);
    if (!day) onChange({ ...params, dueBefore: undefined });
    else if (!dueDayProblem(day)) onChange({ ...params, dueBefore: day });
  };

  const processOptions = (processes.data ?? []).map((p) => ({ value: p.key, label: ownProcessName(p.key, p.name) ? `${p.name} (${p.key})` : processText(p.key, p.name, t) }));
  for (const key of [...seenProcessKeys, params.processKey]) {
    if (key && !processOptions.some((o) => o.value === key)) processOptions.push({ value: key, label: key });
  }

  // What the day field shows until its picker has loaded: the same label, placeholder and day; pointed at or focused, it asks for the picker.
  const dueStandIn = (
    <Input
      readOnly
      aria-label={t('filters.dueBefore')}
      title={t('filters.dueBefore')}
      placeholder={t('filters.dayPlaceholder')}
      prefix={<span className="sw-input-label">{t('filters.dueBeforeShort')}</span>}
      value={dueDraft}
      onFocus={() => {
        setStandInFocused(true);
        wantPicker();
      }}
      onBlur={() => setStandInFocused(false)}
      onPointerEnter={wantPicker}
      style={{ width: dueWidth }}
    />
  );

  return (
    <Flex wrap gap={stacked ? 12 : 8} vertical={stacked} align={stacked ? 'stretch' : 'center'} role="search" aria-label={t('filters.label')}>
      <Input
        ref={searchRef}
        allowClear
        prefix={<SearchOutlined aria-hidden />}
        placeholder={t('filters.searchPlaceholder')}
        aria-label={t('filters.search')}
        aria-keyshortcuts="/"
        value={draft}
        onChange={(e) => setDraft(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') onChange({ ...params, q: draft.trim() || undefined });
          if (e.key === 'Escape') {
            e.currentTarget.blur();
            onLeaveSearch();
          }
        }}
        style={{ width: stacked ? '100%' : 280 }}
      />
      <Select
        allowClear
        showSearch={{ optionFilterProp: 'label' }}
        placeholder={t('filters.allProcesses')}
        aria-label={t('filters.process')}
        value={params.processKey}
        onChange={(v?: string) => onChange({ ...params, processKey: v || undefined })}
        options={processOptions}
        loading={processes.isPending}
        style={{ width: stacked ? '100%' : 220 }}
      />
      <Flex vertical>
        <Suspense fallback={dueStandIn}>
          {pickerWanted ? (
            <DayPicker
              label={t('filters.dueBefore')}
              title={t('filters.dueBefore')}
              prefix={<span className="sw-input-label">{t('filters.dueBeforeShort')}</span>}
              value={dueDraft}
              invalid={Boolean(dueProblem)}
              describedBy={dueProblem ? 'sw-due-problem' : undefined}
              onChange={changeDue}
              width={dueWidth}
              autoFocus={standInFocused}
            />
          ) : (
            dueStandIn
          )}
        </Suspense>
        {dueProblem && (
          <span id="sw-due-problem" className="sw-error-text" role="alert">
            {dueProblem === 'outOfRange' ? t('filters.dueOutOfRange', { min: FILTER_YEARS.min, max: FILTER_YEARS.max }) : t('filters.dueInvalid')}
          </span>
        )}
      </Flex>
      <Segmented
        block={stacked}
        aria-label={t('filters.status')}
        value={params.status}
        onChange={(v) => onChange(withStatus(params, v as TaskListParams['status']))}
        options={[
          { value: 'open', label: t('filters.open') },
          { value: 'completed', label: t('filters.completed') },
        ]}
      />
      <Select<TaskSort>
        aria-label={t('filters.sort')}
        value={params.sort}
        onChange={(v) => onChange({ ...params, sort: v })}
        options={[
          { value: 'due', label: t('filters.sort.due') },
          { value: 'priority', label: t('filters.sort.priority') },
          { value: 'created', label: t('filters.sort.created') },
        ]}
        style={{ width: stacked ? '100%' : 140 }}
      />
      {(hasNarrowingFilters(params) || params.status !== DEFAULT_TASK_LIST_PARAMS.status || params.sort !== defaultTaskSort(params.status)) && (
        <Button icon={<ClearOutlined />} onClick={() => onChange({ ...DEFAULT_TASK_LIST_PARAMS, view: params.view })}>
          {t('filters.reset')}
        </Button>
      )}
    </Flex>
  );
}
