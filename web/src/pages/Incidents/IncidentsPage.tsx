import { Card, Empty, Table, Typography } from 'antd';
import { Link } from 'react-router';
import type { Incident } from '../../../../contract';
import { useSession } from '../../api/hooks';
import { useIncidents } from '../../api/useIncidents.query';
import { useProcessName } from '../../api/useProcesses.query';
import { IncidentReason } from '../../components/IncidentReason';
import { RelativeTime } from '../../components/RelativeTime';
import { useI18n } from '../../i18n/I18nProvider';
import { elementText } from '../../lib/problems';
import { canResolveIncidents } from '../../lib/roles';
import { QueryState } from '../QueryState';
import { caseHref } from '../Cases/caseLinks';

/**
 * 故障: every case waiting on an incident that the user may read, newest first; each links to its case
 * page, where it is resolved. The step by name (else its kind), why in words; the engine's line for process owners.
 */
export function IncidentsPage() {
  const { t } = useI18n();
  const incidents = useIncidents();
  const processName = useProcessName();
  const owner = canResolveIncidents(useSession().data);
  return (
    <Card title={t('incidents.title')}>
      <Typography.Paragraph type="secondary">{t('incidents.help')}</Typography.Paragraph>
      <QueryState isPending={incidents.isPending} error={incidents.error} onRetry={() => void incidents.refetch()}>
        <Table<Incident>
          rowKey="id"
          size="middle"
          dataSource={incidents.data?.items ?? []}
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('incidents.empty')} /> }}
          columns={[
            {
              title: t('incidents.case'),
              render: (_, i) => (
                <span>
                  <Link to={caseHref(i.caseId)}>{i.caseTitle}</Link>
                  <br />
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {i.businessKey}
                  </Typography.Text>
                </span>
              ),
            },
            { title: t('case.process'), render: (_, i) => `${processName(i.processKey)} v${i.processVersion}` },
            { title: t('incidents.step'), render: (_, i) => elementText(i, t) },
            { title: t('incidents.raisedAt'), render: (_, i) => <RelativeTime iso={i.raisedAt} /> },
            {
              title: t('incidents.reason'),
              render: (_, i) => (
                <div style={{ maxWidth: 420 }}>
                  <IncidentReason incident={i} showDetail={owner} />
                </div>
              ),
            },
          ]}
        />
      </QueryState>
    </Card>
  );
}
