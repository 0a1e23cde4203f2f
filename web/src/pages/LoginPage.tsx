import { Alert, Button, Card, Form, Input, Segmented, Typography } from 'antd';
import { useLogin } from '../api/hooks';
import { useI18n } from '../i18n/I18nProvider';

export function LoginPage() {
  const { t, lang, setLang } = useI18n();
  const login = useLogin();
  return (
    <div style={{ minHeight: '100vh', display: 'grid', placeItems: 'center', background: '#f3f5f9' }}>
      <Card style={{ width: 380 }}>
        <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', marginBottom: 16 }}>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {t('login.title')}
          </Typography.Title>
          <Segmented size="small" value={lang} onChange={(v) => setLang(v as 'zh-CN' | 'en')} options={[{ label: '中文', value: 'zh-CN' }, { label: 'EN', value: 'en' }]} />
        </div>
        <Form layout="vertical" onFinish={(values: { username: string; password: string }) => login.mutate(values)} requiredMark={false}>
          <Form.Item label={t('login.username')} name="username" rules={[{ required: true }]}>
            <Input autoFocus autoComplete="username" />
          </Form.Item>
          <Form.Item label={t('login.password')} name="password" rules={[{ required: true }]}>
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          {login.isError && <Alert type="error" showIcon title={t('login.failed')} style={{ marginBottom: 16 }} />}
          <Button type="primary" htmlType="submit" block loading={login.isPending}>
            {t('login.submit')}
          </Button>
        </Form>
        <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0, fontSize: 12 }}>
          {t('login.demoHint')}
        </Typography.Paragraph>
      </Card>
    </div>
  );
}
