import { Alert, Button, Card, Col, Empty, List, Row, Skeleton, Space, Statistic, Table, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import type { Dashboard } from '../../../../contract';
import { useDashboard } from '../../api/useDashboard.query';
import { SlaBadge } from '../../components/SlaBadge';
import { useI18n } from '../../i18n/I18nProvider';
import { describeError } from '../../lib/problems';
import { formatCell } from '../../lib/reportFormat';
import { caseHref } from '../Cases/caseLinks';
import { taskHref } from '../Task/taskLinks';
import { processText } from '../../lib/processNames';

// 首页: a card per role the reader holds (the API decides which: policy/capabilities.ts dashboardCards).
// Times are China times whatever the browser's zone, units and people by name.

const LOADING_CARDS = ['a', 'b'];

export function HomePage() {
  const { t } = useI18n();
  const d = useDashboard();
  if (d.isPending) {
    return (
      <Row gutter={[16, 16]} aria-busy="true">
        {LOADING_CARDS.map((k) => (
          <Col key={k} xs={24} xl={12}>
            <Card>
              <Skeleton active paragraph={{ rows: 5 }} />
            </Card>
          </Col>
        ))}
      </Row>
    );
  }
  if (d.isError) {
    return <Alert type="error" showIcon title={t('home.loadFailed')} description={describeError(d.error, t)} action={<Button onClick={() => void d.refetch()}>{t('common.retry')}</Button>} />;
  }
  const data = d.data;
  const cards: ReactNode[] = [];
  if (data.approver) cards.push(<ApproverCard key="approver" card={data.approver} units={data.unitNames} />);
  if (data.manager) cards.push(<ManagerCard key="manager" card={data.manager} units={data.unitNames} />);
  if (data.auditor) cards.push(<AuditorCard key="auditor" card={data.auditor} units={data.unitNames} />);
  if (data.processOwner) cards.push(<ProcessOwnerCard key="owner" card={data.processOwner} />);
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('home.title')}
      </Typography.Title>
      {cards.length === 0 ? (
        <Empty description={t('home.nothing')} />
      ) : (
        <Row gutter={[16, 16]}>
          {cards.map((c, i) => (
            <Col key={i} xs={24} xl={12}>
              {c}
            </Col>
          ))}
        </Row>
      )}
    </Space>
  );
}

type Units = Dashboard['unitNames'];

function useFormat() {
  const { lang } = useI18n();
  return {
    time: (iso: string | null) => formatCell(iso, 'datetime', lang),
    unit: (id: string | null, units: Units) => formatCell(id, 'unit', lang, units),
    rate: (v: number | null) => formatCell(v, 'rate', lang),
    hours: (v: number | null) => formatCell(v, 'hours', lang),
  };
}

function ApproverCard({ card, units }: { card: NonNullable<Dashboard['approver']>; units: Units }) {
  const { t } = useI18n();
  const f = useFormat();
  return (
    <Card title={t('home.approver.title')} extra={<Link to="/tasks">{t('home.approver.openInbox')}</Link>} data-testid="home-approver">
      <Row gutter={16} style={{ marginBottom: 16 }}>
        <Col span={8}>
          <Statistic title={t('home.approver.open')} value={card.open} />
        </Col>
        <Col span={8}>
          <Statistic title={t('home.approver.dueSoon')} value={card.dueSoon} styles={{ content: { color: card.dueSoon ? '#d46b08' : undefined } }} />
        </Col>
        <Col span={8}>
          <Statistic title={t('home.approver.overdue')} value={card.overdue} styles={{ content: { color: card.overdue ? '#cf1322' : undefined } }} />
        </Col>
      </Row>
      <Typography.Text strong>{t('home.approver.next')}</Typography.Text>
      <List
        size="small"
        dataSource={card.next}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('home.approver.none')} /> }}
        renderItem={(task) => (
          <List.Item extra={<SlaBadge sla={task.sla} dueAt={task.dueAt} />}>
            <List.Item.Meta
              title={<Link to={taskHref(task.id)}>{task.name}</Link>}
              description={
                <Typography.Text type="secondary">
                  {task.caseTitle} · {processText(task.processKey, task.processName, t)} · {f.unit(task.unitId, units)}
                  {task.dueAt && ` · ${t('task.due')} ${f.time(task.dueAt)}`}
                </Typography.Text>
              }
            />
          </List.Item>
        )}
      />
    </Card>
  );
}

function ManagerCard({ card, units }: { card: NonNullable<Dashboard['manager']>; units: Units }) {
  const { t } = useI18n();
  const f = useFormat();
  return (
    <Card title={t('home.manager.title')} extra={<Link to={`/reports/sla?from=${card.from}&to=${card.to}`}>{t('home.manager.report')}</Link>} data-testid="home-manager">
      <Typography.Text type="secondary">{t('home.manager.period', { from: card.from, to: card.to })}</Typography.Text>
      <Row gutter={16} style={{ margin: '8px 0 16px' }}>
        <Col span={6}>
          <Statistic title={t('home.manager.completed')} value={card.completed} />
        </Col>
        <Col span={6}>
          <Statistic title={t('home.manager.onTimeRate')} value={f.rate(card.onTimeRate)} />
        </Col>
        <Col span={6}>
          <Statistic title={t('home.manager.late')} value={card.late} />
        </Col>
        <Col span={6}>
          <Statistic title={t('home.manager.medianHours')} value={f.hours(card.medianHours)} />
        </Col>
      </Row>
      <Typography.Text strong>{t('home.manager.lateSteps')}</Typography.Text>
      <List
        size="small"
        dataSource={card.lateSteps}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('home.manager.noLate')} /> }}
        renderItem={(s) => (
          <List.Item extra={<Tag color="red">{t('home.manager.lateOf', { late: s.late, completed: s.completed })}</Tag>}>
            {s.process} · {s.step} · {f.unit(s.unitId, units)}
          </List.Item>
        )}
      />
      <Typography.Text strong style={{ display: 'block', marginTop: 16 }}>
        {t('home.manager.backlog')}
      </Typography.Text>
      <Table
        size="small"
        rowKey="unitId"
        pagination={false}
        dataSource={card.backlog}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('home.manager.noBacklog')} /> }}
        columns={[
          { title: t('home.manager.unit'), render: (_, r) => f.unit(r.unitId, units) },
          { title: t('home.manager.open'), dataIndex: 'open', align: 'right' },
          { title: t('home.manager.overdue'), dataIndex: 'overdue', align: 'right' },
          { title: t('home.manager.escalatedOpen'), dataIndex: 'escalatedOpen', align: 'right' },
        ]}
      />
    </Card>
  );
}

function AuditorCard({ card, units }: { card: NonNullable<Dashboard['auditor']>; units: Units }) {
  const { t } = useI18n();
  const f = useFormat();
  return (
    <Card title={t('home.auditor.title')} extra={<Link to="/incidents">{t('home.auditor.incidents')}</Link>} data-testid="home-auditor">
      <Row gutter={16} style={{ marginBottom: 16 }}>
        <Col span={8}>
          <Statistic title={t('home.auditor.openIncidents')} value={card.openIncidents} />
        </Col>
        <Col span={8}>
          <Statistic title={t('home.auditor.escalations')} value={card.escalations} />
        </Col>
        <Col span={8}>
          <Statistic title={t('home.auditor.replayDivergences')} value={card.replayDivergences} valueStyle={card.replayDivergences ? { color: '#cf1322' } : undefined} />
        </Col>
      </Row>
      <List
        size="small"
        dataSource={card.exceptions}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('home.auditor.none')} /> }}
        renderItem={(e) => (
          <List.Item extra={<Typography.Text type="secondary">{f.time(e.at)}</Typography.Text>}>
            <List.Item.Meta
              title={
                <Space size={6}>
                  <ExceptionTag e={e} />
                  <Link to={caseHref(e.caseId)}>{e.caseTitle}</Link>
                </Space>
              }
              description={
                <Typography.Text type="secondary">
                  {processText(e.processKey, e.processName, t)}
                  {e.step && ` · ${e.step}`}
                  {e.kind === 'escalation' && ` · ${f.unit(e.fromUnitId, units)} → ${f.unit(e.toUnitId, units)}`}
                </Typography.Text>
              }
            />
          </List.Item>
        )}
      />
    </Card>
  );
}

function ExceptionTag({ e }: { e: NonNullable<Dashboard['auditor']>['exceptions'][number] }) {
  const { t } = useI18n();
  if (e.kind === 'replay') return <Tag color="red">{t('home.auditor.replay')}</Tag>;
  if (e.kind === 'incident') return <Tag color={e.open ? 'red' : 'default'}>{t(e.open ? 'home.auditor.incidentOpen' : 'home.auditor.incident')}</Tag>;
  return <Tag color="magenta">{t('home.auditor.escalation')}</Tag>;
}

function ProcessOwnerCard({ card }: { card: NonNullable<Dashboard['processOwner']> }) {
  const { t } = useI18n();
  const f = useFormat();
  const rows = card.processes.flatMap((p) => p.versions.map((v, i) => ({ ...v, key: p.key, name: p.name, first: i === 0, span: i === 0 ? p.versions.length : 0 })));
  return (
    <Card title={t('home.owner.title')} extra={<Link to="/processes">{t('home.owner.processes')}</Link>} data-testid="home-owner">
      <Table
        size="small"
        rowKey={(r) => `${r.key}@${r.version}`}
        pagination={false}
        scroll={{ y: 420 }}
        dataSource={rows}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('home.owner.none')} /> }}
        columns={[
          { title: t('home.owner.process'), render: (_, r) => (r.first ? <Typography.Text strong>{processText(r.key, r.name, t)}</Typography.Text> : null) },
          { title: t('home.owner.version'), render: (_, r) => <Link to={`/processes?key=${encodeURIComponent(r.key)}&version=${r.version}`}>v{r.version}</Link> },
          { title: t('home.owner.deployed'), render: (_, r) => `${f.time(r.deployedAt)}${r.deployedByName ? ` · ${r.deployedByName}` : ''}` },
          { title: t('home.owner.running'), dataIndex: 'running', align: 'right' },
          { title: t('home.owner.ended'), dataIndex: 'ended', align: 'right' },
        ]}
      />
    </Card>
  );
}
