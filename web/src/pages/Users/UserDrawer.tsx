import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Person } from '../../components/Person';
import { Alert, App as AntApp, Button, Divider, Drawer, Empty, Form, Input, Select, Space, Spin, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { ApiError } from '../../api/http';
import { RelativeTime } from '../../components/RelativeTime';
import { useI18n } from '../../i18n/I18nProvider';
import { zh, type MessageKey } from '../../i18n/messages';
import { describeError, fieldMessage } from '../../lib/problems';
import { PASSWORD_MIN_LENGTH, ROLE_CODES, USERNAME_PATTERN } from '../../../../contract/user-rules';
import { cleanRoles, departmentOptions, dropsOwnAdmin, fieldChanges, formFieldOf, initialUserValues, passwordProblem, unitOptions, userPatch, type ChangeWords, type UserFormValues } from './userForm';
import { unitName } from '../../api/useOrgUnits.query';
import { renderUnitOption } from './unitOption';
import { useCreateUser, useUpdateUser, useUserChanges, type AdminUser } from './usersApi';
import type { CreateUserBody, OrgUnit } from '../../../../contract';

const FIELD_LABEL: Record<string, MessageKey> = {
  displayName: 'users.displayName',
  email: 'users.email',
  unitId: 'users.unit',
  disabled: 'users.status',
  roles: 'users.roles',
};

/** Create (`user` null) or edit a user: name, e-mail, home unit, role rows (role + unit); the change history when editing. Mount only while open. */
export function UserDrawer({ user, units, selfId, onClose }: { user: AdminUser | null; units: OrgUnit[]; selfId: string; onClose: () => void }) {
  const { t, lang } = useI18n();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<UserFormValues>();
  const create = useCreateUser();
  const update = useUpdateUser();
  const [problem, setProblem] = useState<string | null>(null);
  const options = unitOptions(units, lang);
  const busy = create.isPending || update.isPending;

  const showProblem = (err: unknown) => {
    // Field problems go next to their fields; the rest (409 taken name, self-lockout) above the buttons.
    const errors = err instanceof ApiError ? (err.problem.errors ?? []) : [];
    const placed = errors.flatMap((e) => {
      const name = formFieldOf(e.path);
      return name && form.getFieldInstance(name as never) !== undefined ? [{ name, errors: [fieldMessage(e, t)] }] : [];
    });
    if (placed.length) form.setFields(placed as never);
    setProblem(placed.length === errors.length && placed.length ? null : describeError(err, t));
  };

  const submit = (v: UserFormValues) => {
    setProblem(null);
    if (!user) {
      create.mutate(
        {
          username: v.username.trim(),
          displayName: v.displayName.trim(),
          unitId: v.unitId,
          ...(v.department ? { department: v.department as CreateUserBody['department'] } : {}),
          ...(v.email?.trim() ? { email: v.email.trim() } : {}),
          password: v.password ?? '',
          roles: cleanRoles(v.roles),
        },
        {
          onSuccess: (u) => {
            void message.success(t('users.created', { name: u.displayName }));
            onClose();
          },
          onError: showProblem,
        },
      );
      return;
    }
    const patch = userPatch(user, v);
    if (!patch) {
      void message.info(t('users.nothingChanged'));
      onClose();
      return;
    }
    update.mutate(
      { id: user.id, patch },
      {
        onSuccess: (u) => {
          void message.success(t('users.saved', { name: u.displayName }));
          onClose();
        },
        onError: showProblem,
      },
    );
  };

  const initialValues = initialUserValues(user);

  return (
    <Drawer
      open
      size={640}
      title={user ? t('users.editTitle', { name: user.displayName }) : t('users.createTitle')}
      onClose={onClose}
      destroyOnHidden
      footer={
        <Space style={{ display: 'flex', justifyContent: 'flex-end' }}>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" htmlType="submit" form="sw-user-form" loading={busy}>
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      <Form<UserFormValues> id="sw-user-form" name="sw-user" form={form} layout="vertical" initialValues={initialValues} onFinish={submit} requiredMark>
        <Form.Item
          name="username"
          label={t('users.username')}
          extra={user ? undefined : t('users.usernameRule')}
          rules={[
            { required: true, whitespace: true, message: t('users.required') },
            { pattern: USERNAME_PATTERN, message: t('users.usernameRule') },
          ]}
        >
          <Input disabled={Boolean(user)} autoComplete="off" maxLength={64} autoFocus={!user} />
        </Form.Item>
        <Form.Item name="displayName" label={t('users.displayName')} rules={[{ required: true, whitespace: true, message: t('users.required') }]}>
          <Input maxLength={100} autoFocus={Boolean(user)} />
        </Form.Item>
        <Form.Item name="email" label={t('users.email')} rules={[{ type: 'email', message: t('users.emailInvalid') }]}>
          <Input type="email" maxLength={200} autoComplete="off" />
        </Form.Item>
        <Form.Item name="unitId" label={t('users.unit')} rules={[{ required: true, message: t('users.required') }]}>
          <Select showSearch={{ optionFilterProp: 'label' }} options={options} optionRender={renderUnitOption} placeholder={t('users.allUnits')} />
        </Form.Item>
        <Form.Item name="department" label={t('users.department')} extra={t('users.departmentHint')}>
          <Select allowClear options={departmentOptions(lang)} placeholder={t('users.departmentNone')} />
        </Form.Item>
        {!user && (
          <Form.Item
            name="password"
            label={t('users.password')}
            dependencies={['username']}
            rules={[
              { required: true, message: t('users.required') },
              ({ getFieldValue }) => ({
                validator: (_, value: string | undefined) => {
                  const p = passwordProblem(value ?? '', getFieldValue('username') ?? '');
                  if (p === 'short') return Promise.reject(new Error(t('users.passwordShort', { n: PASSWORD_MIN_LENGTH })));
                  if (p === 'username') return Promise.reject(new Error(t('users.passwordIsUsername')));
                  return Promise.resolve();
                },
              }),
            ]}
          >
            <Input.Password autoComplete="new-password" maxLength={200} />
          </Form.Item>
        )}
        <Typography.Text strong>{t('users.roleRows')}</Typography.Text>
        <Form.List
          name="roles"
          rules={[
            {
              validator: (_, rows: UserFormValues['roles']) =>
                user && dropsOwnAdmin(selfId, user.id, cleanRoles(rows ?? [])) ? Promise.reject(new Error(t('users.dropOwnAdmin'))) : Promise.resolve(),
            },
          ]}
        >
          {(fields, { add, remove }, { errors }) => (
            <div style={{ marginTop: 8 }}>
              {fields.map((field, i) => (
                <Space key={field.key} align="start" style={{ display: 'flex' }}>
                  <Form.Item name={[field.name, 'role']} rules={[{ required: true, message: t('users.required') }]} style={{ marginBottom: 8 }}>
                    <Select
                      style={{ width: 170 }}
                      aria-label={`${t('users.roleSelect')} ${i + 1}`}
                      placeholder={t('users.roleSelect')}
                      options={ROLE_CODES.map((r) => ({ value: r, label: t(`role.${r}`) }))}
                    />
                  </Form.Item>
                  <Form.Item name={[field.name, 'unitId']} rules={[{ required: true, message: t('users.required') }]} style={{ marginBottom: 8 }}>
                    <Select
                      style={{ width: 260 }}
                      showSearch={{ optionFilterProp: 'label' }}
                      aria-label={`${t('users.roleUnit')} ${i + 1}`}
                      placeholder={t('users.roleUnit')}
                      options={options}
                      optionRender={renderUnitOption}
                    />
                  </Form.Item>
                  <Button icon={<DeleteOutlined />} onClick={() => remove(field.name)} aria-label={`${t('users.removeRole')} ${i + 1}`} />
                </Space>
              ))}
              {fields.length === 0 && (
                <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
                  {t('users.noRoles')}
                </Typography.Paragraph>
              )}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ role: undefined, unitId: form.getFieldValue('unitId') || undefined })}>
                {t('users.addRole')}
              </Button>
              <Form.ErrorList errors={errors} />
            </div>
          )}
        </Form.List>
        {problem && <Alert type="error" showIcon role="alert" style={{ marginTop: 16 }} title={problem} />}
      </Form>
      {user && (
        <>
          <Divider />
          <ChangeHistory userId={user.id} units={units} />
        </>
      )}
    </Drawer>
  );
}

function ChangeHistory({ userId, units }: { userId: string; units: OrgUnit[] }) {
  const { t, lang } = useI18n();
  const changes = useUserChanges(userId);
  const words: ChangeWords = {
    unit: (id) => unitName(units.find((u) => u.id === id), lang, id),
    role: (r) => (Object.hasOwn(zh, `role.${r}`) ? t(`role.${r}` as MessageKey) : r),
    status: (disabled) => t(disabled ? 'users.disabled' : 'users.active'),
    none: t('users.historyNone'),
  };
  return (
    <>
      <Typography.Title level={5}>{t('users.history')}</Typography.Title>
      {changes.isPending ? (
        <Spin />
      ) : changes.error ? (
        <Alert type="error" showIcon title={t('common.loadFailed')} description={describeError(changes.error, t)} />
      ) : !changes.data?.length ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('users.historyEmpty')} />
      ) : (
        <Timeline
          items={[...changes.data].reverse().map((c, i) => ({
            key: i,
            content: (
              <Space orientation="vertical" size={0} className="sw-user-change">
                <Space size={8}>
                  <Typography.Text strong>{t(`users.change.${c.action}` as MessageKey)}</Typography.Text>
                  <Typography.Text type="secondary">
                    <Person id={c.actorId} name={c.actorName} />
                  </Typography.Text>
                  <RelativeTime iso={c.at} />
                </Space>
                {fieldChanges(c.before, c.after, words).map((f) => (
                  <Typography.Text key={f.field} style={{ fontSize: 12 }}>
                    {t(FIELD_LABEL[f.field]!)}：<Typography.Text type="secondary" delete={f.from !== words.none} style={{ fontSize: 12 }}>{f.from}</Typography.Text> → {f.to}
                  </Typography.Text>
                ))}
              </Space>
            ),
          }))}
        />
      )}
    </>
  );
}
