import { Card, Descriptions, Typography } from 'antd';
import { useI18n } from '../../i18n/I18nProvider';

/** The step's zeebe:taskHeaders, as the diagram writes them: a hint for the person doing it. */
export function TaskHeaders({ headers }: { headers: Record<string, string> }) {
  const { t } = useI18n();
  const entries = Object.entries(headers);
  if (!entries.length) return null;
  return (
    <Card size="small" title={t('task.headers')} extra={<Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('task.headersHint')}</Typography.Text>} data-testid="task-headers">
      <Descriptions size="small" column={1} items={entries.map(([key, value]) => ({ key, label: key, children: value }))} />
    </Card>
  );
}
