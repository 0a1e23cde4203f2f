import { Alert, App as AntApp, Form, Input, Modal, Typography } from 'antd';
import { useI18n } from '../../i18n/I18nProvider';
import { describeError } from '../../lib/problems';
import { PASSWORD_MIN_LENGTH } from '../../../../contract/user-rules';
import { passwordProblem } from './userForm';
import { useSetPassword, type AdminUser } from './usersApi';

/** 重置密码: the admin sets a new password; the user's sessions end. Mount only while open. */
export function PasswordModal({ user, onClose }: { user: AdminUser; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<{ password: string; confirm: string }>();
  const setPassword = useSetPassword();
  const submit = ({ password }: { password: string }) =>
    setPassword.mutate(
      { id: user.id, password },
      {
        onSuccess: () => {
          void message.success(t('users.passwordSet', { name: user.displayName }));
          onClose();
        },
      },
    );
  return (
    <Modal
      open
      title={t('users.passwordTitle', { name: user.displayName })}
      onCancel={onClose}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      okButtonProps={{ loading: setPassword.isPending, htmlType: 'submit', form: 'sw-password-form' }}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('users.passwordHint')}</Typography.Paragraph>
      <Form id="sw-password-form" name="sw-password" form={form} layout="vertical" onFinish={submit}>
        <Form.Item
          name="password"
          label={t('users.newPassword')}
          rules={[
            { required: true, message: t('users.required') },
            {
              validator: (_, value: string | undefined) => {
                const p = passwordProblem(value ?? '', user.username);
                if (p === 'short') return Promise.reject(new Error(t('users.passwordShort', { n: PASSWORD_MIN_LENGTH })));
                if (p === 'username') return Promise.reject(new Error(t('users.passwordIsUsername')));
                return Promise.resolve();
              },
            },
          ]}
        >
          <Input.Password autoFocus autoComplete="new-password" maxLength={200} />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t('users.confirmPassword')}
          dependencies={['password']}
          rules={[
            { required: true, message: t('users.required') },
            ({ getFieldValue }) => ({
              validator: (_, value: string | undefined) => (value === getFieldValue('password') ? Promise.resolve() : Promise.reject(new Error(t('users.passwordMismatch')))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" maxLength={200} />
        </Form.Item>
      </Form>
      {setPassword.error && <Alert type="error" showIcon role="alert" title={describeError(setPassword.error, t)} />}
    </Modal>
  );
}
