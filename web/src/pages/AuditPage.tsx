import { Card, Empty } from 'antd';
import { useI18n } from '../i18n/I18nProvider';

export function AuditPage() {
  const { t } = useI18n();
  return (
    <Card title={t('audit.title')}>
      <Empty description={`${t('common.comingSoon')} — ${t('audit.placeholder')}`} />
    </Card>
  );
}
