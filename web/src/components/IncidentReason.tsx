import { Collapse, Space, Typography } from 'antd';
import { useI18n } from '../i18n/I18nProvider';
import { describeIncident, type IncidentAt } from '../lib/incidents';

/**
 * Why an incident stopped a case, in the user's language (the element by name, else by kind), and,
 * for process owners, the engine's own line folded away under 技术详情 (code, so translate="no").
 */
export function IncidentReason({ incident, showDetail }: { incident: IncidentAt & { message: string }; showDetail: boolean }) {
  const { t } = useI18n();
  return (
    <Space orientation="vertical" size={0} style={{ width: '100%' }}>
      <Typography.Text>{describeIncident(incident, t)}</Typography.Text>
      {showDetail && (
        <Collapse
          size="small"
          ghost
          items={[{ key: 'detail', label: t('incident.technical'), children: <pre className="sw-json" translate="no">{incident.message}</pre> }]}
        />
      )}
    </Space>
  );
}
