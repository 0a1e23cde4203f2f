import { Card, Empty } from 'antd';
import { useI18n } from '../i18n/I18nProvider';

export function ProcessesPage() {
  const { t } = useI18n();
  return (
    <Card title={t('processes.title')}>
      <Empty description={`${t('common.comingSoon')} — ${t('processes.placeholder')}`} />
    </Card>
  );
}
