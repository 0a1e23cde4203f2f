import { Alert, Checkbox, Form, Input, Modal, Select, Space, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { ApiError } from '../../api/http';
import { useActiveUsers, useEligibleUsers } from '../../api/useEligibleUsers.query';
import { useI18n } from '../../i18n/I18nProvider';
import { describeError } from '../../lib/problems';
import { useDebounced } from '../../lib/useDebounced';
import { useOrgUnits } from '../../api/useOrgUnits.query';

export interface DelegateValues {
  userId: string;
  reason?: string;
  override?: boolean;
  /** The chosen person's name, for the confirmation (ids are never shown). */
  displayName: string;
}

interface Person {
  id: string;
  displayName: string;
  unit: string;
}

/**
 * 转办: hand the task to someone the step is offered to, picked by name (the API's eligible users),
 * or — for managers, with a reason the audit trail keeps — to any active user. Mount only while open.
 */
export function DelegateModal({ taskId, canOverride, onCancel, onSubmit }: { taskId: string; canOverride: boolean; onCancel: () => void; onSubmit: (v: DelegateValues) => Promise<unknown> }) {
  const { t, lang } = useI18n();
  const [form] = Form.useForm<{ userId: string; reason?: string }>();
  const [override, setOverride] = useState(false);
  const [search, setSearch] = useState('');
  const q = useDebounced(search, 300);
  const eligible = useEligibleUsers(taskId, q, !override);
  const anyone = useActiveUsers(q, override);
  const units = useOrgUnits();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const people: Person[] = useMemo(() => {
    if (!override) {
      return (eligible.data?.pages ?? []).flatMap((p) => p.items).map((u) => ({ id: u.id, displayName: u.displayName, unit: lang === 'en' ? u.unitNameEn : u.unitName }));
    }
    const unitName = new Map((units.data ?? []).map((u) => [u.id, lang === 'en' ? u.nameEn : u.name]));
    return (anyone.data ?? []).map((u) => ({ id: u.id, displayName: u.displayName, unit: unitName.get(u.unitId) ?? '' }));
  }, [override, eligible.data, anyone.data, units.data, lang]);
  const loading = override ? anyone.isFetching : eligible.isFetching;
  const failed = override ? anyone.error : eligible.error;

  const submit = async () => {
    const values = await form.validateFields().catch(() => null);
    if (!values) return;
    setBusy(true);
    setError(null);
    try {
      const who = people.find((p) => p.id === values.userId)?.displayName ?? '';
      await onSubmit({ ...values, ...(override ? { override: true } : {}), displayName: who });
    } catch (err) {
      const code = err instanceof ApiError ? err.problem.code : undefined;
      setError(code === 'delegation.notEligible' ? t('delegate.notEligible') : code === 'delegation.overrideNotAllowed' ? t('delegate.overrideNotAllowed') : describeError(err, t));
      setBusy(false);
    }
  };

  return (
    <Modal open title={t('delegate.title')} okText={t('delegate.submit')} okButtonProps={{ loading: busy }} onOk={() => void submit()} onCancel={onCancel} destroyOnHidden>
      <Form form={form} layout="vertical" onFinish={() => void submit()}>
        <Form.Item name="userId" label={t('delegate.user')} rules={[{ required: true, message: t('delegate.userRequired') }]} extra={override ? t('delegate.overrideHint') : t('delegate.userHint')}>
          <Select
            autoFocus
            data-testid="delegate-user"
            placeholder={t('delegate.userPlaceholder')}
            showSearch={{ filterOption: false, onSearch: setSearch }}
            loading={loading}
            notFoundContent={failed ? describeError(failed, t) : loading ? t('common.loading') : t(override ? 'delegate.noUsers' : 'delegate.noEligible')}
            onPopupScroll={(e) => {
              const el = e.currentTarget;
              if (!override && eligible.hasNextPage && !eligible.isFetchingNextPage && el.scrollTop + el.clientHeight >= el.scrollHeight - 24) void eligible.fetchNextPage();
            }}
            options={people.map((p) => ({
              value: p.id,
              label: (
                <Space size={6}>
                  <span>{p.displayName}</span>
                  {p.unit && <Typography.Text type="secondary">{p.unit}</Typography.Text>}
                </Space>
              ),
            }))}
          />
        </Form.Item>
        {canOverride && (
          <Form.Item>
            <Checkbox
              checked={override}
              onChange={(e) => {
                setOverride(e.target.checked);
                form.setFieldValue('userId', undefined);
              }}
            >
              {t('delegate.override')}
            </Checkbox>
          </Form.Item>
        )}
        <Form.Item
          name="reason"
          label={t(override ? 'delegate.reasonRequired' : 'delegate.reason')}
          rules={[{ max: 500 }, ...(override ? [{ required: true, whitespace: true, message: t('delegate.reasonMissing') }] : [])]}
        >
          <Input.TextArea rows={3} maxLength={500} />
        </Form.Item>
      </Form>
      {error && <Alert type="error" showIcon title={error} />}
    </Modal>
  );
}
