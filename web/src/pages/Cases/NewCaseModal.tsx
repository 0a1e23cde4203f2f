import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App as AntApp, Button, Form, Input, Modal, Select, Space, Tag, Typography } from 'antd';
import { useRef, useState } from 'react';
import { ApiError } from '../../api/http';
import type { Customer, FormJsSchema } from '../../../../contract';
import { useCustomers } from '../../api/useCustomers.query';
import { useProcesses } from '../../api/useProcesses.query';
import { useProcessVersion, type ProcessVersionWithForms } from '../../api/useProcessVersion.query';
import { TaskForm, type TaskFormHandle } from '../Task/TaskForm';
import { useStartCase } from '../../api/useStartCase.mutation';
import { useI18n } from '../../i18n/I18nProvider';
import { bodyFieldErrors, describeError, fieldMessage, problemHeadline, problemLine, problemMessageKey } from '../../lib/problems';
import { useDebounced } from '../../lib/useDebounced';
import { rowsToVariables, VARIABLE_NAME, withCustomer, type VariableRow } from '../../lib/variables';
import { processText } from '../../lib/processNames';
import { useUnitName } from './useUnitName';

interface Values {
  processKey: string;
  title: string;
  customerId?: string;
  businessKey?: string;
  variables?: VariableRow[];
}

const FIELDS = ['processKey', 'title', 'customerId', 'businessKey'] as const;
const BUSINESS_KEY = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** 新建案例: any deployed process (latest version), a title, optionally a customer, a business key and variables. */
export function NewCaseModal({ onClose, onStarted }: { onClose: () => void; onStarted: (caseId: string) => void }) {
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<Values>();
  const processes = useProcesses();
  const start = useStartCase();
  const [customerQuery, setCustomerQuery] = useState('');
  const q = useDebounced(customerQuery, 300);
  const customers = useCustomers(q);
  const [customer, setCustomer] = useState<Customer | null>(null);
  const [problem, setProblem] = useState<{ title: string; detail?: string; errors: string[] } | null>(null);
  // The process's start event may carry a form (zeebe:formDefinition): its data is the case's start variables.
  const processKey = Form.useWatch('processKey', form);
  const latest = (processes.data ?? []).find((p) => p.key === processKey);
  const version = useProcessVersion(latest?.key ?? '', latest?.version ?? 0, Boolean(latest));
  const startForm = startFormOf(version.data);
  const startFormRef = useRef<TaskFormHandle>(null);

  const submit = (v: Values) => {
    setProblem(null);
    let formData: Record<string, unknown> = {};
    if (startForm) {
      const filled = startFormRef.current?.submit();
      if (!filled || filled.errorCount > 0) {
        startFormRef.current?.focusFirstError();
        return;
      }
      formData = filled.data;
    }
    start.mutate(
      {
        processKey: v.processKey,
        title: v.title.trim(),
        customerId: v.customerId || undefined,
        businessKey: v.businessKey?.trim() || undefined,
        variables: withCustomer(v.customerId ? customer : null, { ...formData, ...rowsToVariables(v.variables) }),
      },
      {
        onSuccess: (r) => {
          void message.success(t('cases.started', { key: r.businessKey, version: r.processVersion }));
          onStarted(r.id);
        },
        onError: (err) => showProblem(err),
      },
    );
  };

  const showProblem = (err: unknown) => {
    // A database timeout or a repeat still in progress is about the moment, not about a field.
    if (!(err instanceof ApiError) || problemMessageKey(err)) {
      setProblem({ title: t('cases.startFailed'), detail: describeError(err, t), errors: [] });
      return;
    }
    const byField = bodyFieldErrors(err.problem.errors, t);
    const detail = problemHeadline(err, t);
    // 404: the process is gone; 409: the business key is taken — both belong to a field even without errors[].
    if (err.status === 404 && !byField.processKey) byField.processKey = [detail ?? t('cases.processGone')];
    if (err.status === 409 && !byField.businessKey) byField.businessKey = [detail ?? t('cases.businessKeyTaken')];
    const shown = FIELDS.filter((f) => byField[f]);
    form.setFields(shown.map((f) => ({ name: f, errors: byField[f]! })));
    // The server's start-form checks (body.variables.<key>) are shown on the form's own fields.
    const formErrors: Record<string, string[]> = {};
    for (const e of err.problem.errors ?? []) {
      const key = startForm && e.path.startsWith('body.variables.') ? e.path.slice('body.variables.'.length) : undefined;
      if (key) (formErrors[key] ??= []).push(fieldMessage(e, t));
    }
    const unmapped = new Set(Object.keys(formErrors).length ? (startFormRef.current?.showErrors(formErrors) ?? Object.keys(formErrors)) : []);
    const onForm = (path: string) => path.startsWith('body.variables.') && path.slice('body.variables.'.length) in formErrors && !unmapped.has(path.slice('body.variables.'.length));
    const rest = (err.problem.errors ?? []).filter((e) => !shown.some((f) => e.path === `body.${f}`) && !onForm(e.path)).map((e) => problemLine(e, t));
    const title = err.status === 409 ? t('cases.conflict') : err.status === 404 ? t('cases.notFound') : err.status === 400 || err.status === 422 ? t('cases.invalid') : t('cases.startFailed');
    setProblem({ title, detail: shown.length && !rest.length ? undefined : detail, errors: rest });
    if (shown[0]) form.scrollToField(shown[0], { focus: true });
  };

  const customerOptions = (customers.data ?? []).map((c) => ({ value: c.id, label: <CustomerOption c={c} />, text: `${c.name} ${c.id}` }));

  return (
    <Modal
      open
      title={t('cases.newTitle')}
      onCancel={onClose}
      okText={t('cases.start')}
      cancelText={t('common.cancel')}
      okButtonProps={{ loading: start.isPending, htmlType: 'submit', form: 'sw-new-case' }}
      width={640}
      destroyOnHidden
      mask={{ closable: false }}
    >
      <Form<Values> id="sw-new-case" form={form} layout="vertical" onFinish={submit} requiredMark initialValues={{ variables: [] }}>
        <Form.Item name="processKey" label={t('cases.process')} rules={[{ required: true, message: t('cases.processRequired') }]}>
          <Select
            showSearch={{ optionFilterProp: 'text' }}
            autoFocus
            loading={processes.isPending}
            placeholder={processes.isError ? t('common.loadFailed') : t('cases.processPlaceholder')}
            status={processes.isError ? 'error' : undefined}
            notFoundContent={processes.isPending ? t('common.loading') : t('cases.noProcesses')}
            options={(processes.data ?? []).filter((p) => p.startsByHand !== false).map((p) => ({ value: p.key, text: `${p.name} ${p.key}`, label: `${processText(p.key, p.name, t)} v${p.version}` }))}
          />
        </Form.Item>
        <Form.Item name="title" label={t('case.title')} rules={[{ required: true, whitespace: true, message: t('cases.titleRequired') }, { max: 200 }]}>
          <Input placeholder={t('cases.titlePlaceholder')} maxLength={200} />
        </Form.Item>
        <Form.Item name="customerId" label={t('cases.customer')} extra={t('cases.customerHint')}>
          <Select
            allowClear
            showSearch={{ filterOption: false, onSearch: setCustomerQuery }}
            placeholder={t('cases.customerPlaceholder')}
            loading={customers.isFetching}
            notFoundContent={customers.isError ? describeError(customers.error, t) : customers.isFetching ? t('common.loading') : t('cases.noCustomers')}
            options={customerOptions}
            optionLabelProp="text"
            onChange={(id: string | undefined) => setCustomer((customers.data ?? []).find((c) => c.id === id) ?? null)}
          />
        </Form.Item>
        <Form.Item
          name="businessKey"
          label={t('case.businessKey')}
          extra={t('cases.businessKeyHint')}
          rules={[{ pattern: BUSINESS_KEY, message: t('cases.businessKeyInvalid') }]}
        >
          <Input placeholder="TS-2026-0001" maxLength={64} />
        </Form.Item>
        <Typography.Text className="sw-field-label">{t('cases.variables')}</Typography.Text>
        <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 8 }}>
          {t('cases.variablesHint')}
        </Typography.Paragraph>
        <Form.List name="variables">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field, i) => (
                <Space key={field.key} align="start" style={{ display: 'flex' }}>
                  <Form.Item
                    name={[field.name, 'name']}
                    rules={[
                      { required: true, message: t('cases.variableNameRequired') },
                      { pattern: VARIABLE_NAME, message: t('cases.variableNameInvalid') },
                      ({ getFieldValue }) => ({
                        validator: (_, value: string | undefined) => {
                          const rows = (getFieldValue('variables') ?? []) as VariableRow[];
                          const dup = value && rows.some((r, j) => j !== i && r?.name?.trim() === value.trim());
                          return dup ? Promise.reject(new Error(t('cases.variableDuplicate'))) : Promise.resolve();
                        },
                      }),
                    ]}
                    style={{ marginBottom: 8 }}
                  >
                    <Input placeholder={t('cases.variableName')} aria-label={t('cases.variableNameAria', { n: i + 1 })} style={{ width: 180 }} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'value']} style={{ marginBottom: 8 }}>
                    <Input placeholder={t('cases.variableValue')} aria-label={t('cases.variableValueAria', { n: i + 1 })} style={{ width: 300 }} />
                  </Form.Item>
                  <Button icon={<DeleteOutlined />} onClick={() => remove(field.name)} aria-label={t('cases.variableRemove', { n: i + 1 })} />
                </Space>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ name: '', value: '' })}>
                {t('cases.variableAdd')}
              </Button>
            </>
          )}
        </Form.List>
        {problem && (
          <Alert
            type="error"
            showIcon
            role="alert"
            style={{ marginTop: 16 }}
            title={problem.title}
            description={
              (problem.detail || problem.errors.length > 0) && (
                <>
                  {problem.detail && <div>{problem.detail}</div>}
                  {problem.errors.length > 0 && (
                    <ul className="sw-problem-list">
                      {problem.errors.map((line, i) => (
                        <li key={i}>{line}</li>
                      ))}
                    </ul>
                  )}
                </>
              )
            }
          />
        )}
      </Form>
      {/* Outside the antd form: form-js renders a <form> of its own, and HTML forms must not nest. */}
        {startForm && (
          <div className="sw-start-form" data-testid="start-form" style={{ marginTop: 16 }}>
            <Typography.Text className="sw-field-label">{t('cases.startForm')}</Typography.Text>
            <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 8 }}>
              {t('cases.startFormHint')}
            </Typography.Paragraph>
            <TaskForm key={`${latest?.key}@${latest?.version}`} ref={startFormRef} schema={startForm} variables={{}} readOnly={false} />
          </div>
        )}
    </Modal>
  );
}

function CustomerOption({ c }: { c: Customer }) {
  // The customer's number people quote, and the service centre by its name (not its id).
  const unitName = useUnitName();
  return (
    <Space size={6}>
      <span>{c.name}</span>
      <Tag style={{ marginInlineEnd: 0 }}>{c.tier}</Tag>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {c.id} · {unitName(c.unitId)}
        {c.contactName ? ` · ${c.contactName}` : ''}
      </Typography.Text>
    </Space>
  );
}

/** The form the version's start event names, if any (the API pins it with the version). */
function startFormOf(version: ProcessVersionWithForms | undefined): FormJsSchema | undefined {
  if (!version) return undefined;
  const start = version.model.elements[version.model.startEventId];
  return start?.type === 'startEvent' && start.formId ? version.forms[start.formId] : undefined;
}
