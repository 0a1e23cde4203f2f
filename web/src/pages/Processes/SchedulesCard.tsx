import { ClockCircleOutlined, PauseCircleOutlined, PlayCircleOutlined } from '@ant-design/icons';
import { Alert, App as AntApp, Button, Card, Empty, Input, List, Modal, Space, Tag, Timeline, Typography } from 'antd';
import { useState } from 'react';
import type { ScheduleInfo } from '../../../../contract';
import { useProcessSchedules, useSetSchedulePaused } from '../../api/useProcessSchedules.query';
import { useI18n } from '../../i18n/I18nProvider';
import type { MessageKey } from '../../i18n/messages';
import { chinaDateTime } from '../../lib/dictionary';
import { describeError } from '../../lib/problems';
import { describeCycle } from '../../lib/schedules';
import { useOrgUnits } from '../../api/useOrgUnits.query';
import { QueryState } from '../QueryState';

/**
 * 定时启动: each timer start event of the latest version as its Temporal Schedule — when it runs
 * next (Beijing time), who owns its cases, paused or not — with 暂停 / 恢复 for process owners.
 */
export function SchedulesCard({ processKey, owner }: { processKey: string; owner: boolean }) {
  const { t } = useI18n();
  const schedules = useProcessSchedules(processKey);
  const items = schedules.data?.items ?? [];
  const changes = schedules.data?.changes ?? [];
  const nameOf = (startEventId: string) => items.find((s) => s.startEventId === startEventId)?.name ?? t('schedules.unnamed');
  return (
    <Card size="small" title={<Space><ClockCircleOutlined />{t('schedules.title')}</Space>} aria-label={t('schedules.title')}>
      <QueryState isPending={schedules.isPending} error={schedules.error} onRetry={() => void schedules.refetch()}>
        {items.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('schedules.empty')} />
        ) : (
          <List dataSource={items} renderItem={(s) => <ScheduleItem key={s.startEventId} processKey={processKey} schedule={s} owner={owner} />} />
        )}
        {changes.length > 0 && (
          <>
            <Typography.Text type="secondary">{t('schedules.history')}</Typography.Text>
            <Timeline
              style={{ marginTop: 8 }}
              items={changes.slice(0, 6).map((c, i) => ({
                key: i,
                children: (
                  <Typography.Text style={{ fontSize: 12 }}>
                    {chinaDateTime(c.at)} · {nameOf(c.startEventId)} ·{' '}
                    {t('schedules.by', {
                      actor: c.actorName ?? t('schedules.system'),
                      action: t(`schedules.action.${c.action}` as MessageKey, { version: c.processVersion ?? '' }),
                    })}
                    {c.note ? `（${c.note}）` : ''}
                  </Typography.Text>
                ),
              }))}
            />
          </>
        )}
      </QueryState>
    </Card>
  );
}

function ScheduleItem({ processKey, schedule: s, owner }: { processKey: string; schedule: ScheduleInfo; owner: boolean }) {
  const { t, lang } = useI18n();
  const { message } = AntApp.useApp();
  const units = useOrgUnits();
  const setPaused = useSetSchedulePaused(processKey);
  const [asking, setAsking] = useState(false);
  const [note, setNote] = useState('');
  const name = s.name ?? t('schedules.unnamed');
  const unit = units.data?.find((u) => u.id === s.unitId);
  const unitName = unit ? (lang === 'en' ? unit.nameEn : unit.name) : '';
  const ownerText = s.owner.kind === 'user' ? (s.ownerName ?? '') : t('schedules.ownerRole', { unit: unitName, role: t(`role.${s.owner.role}` as MessageKey) });
  const act = (paused: boolean, withNote?: string) =>
    setPaused.mutate(
      { startEventId: s.startEventId, paused, ...(withNote ? { note: withNote } : {}) },
      {
        onSuccess: () => {
          setAsking(false);
          setNote('');
          void message.success(t(paused ? 'schedules.pausedOk' : 'schedules.resumedOk', { name }));
        },
        onError: (err) => void message.error(describeError(err, t)),
      },
    );
  return (
    <List.Item
      actions={
        owner
          ? [
              s.paused ? (
                <Button key="resume" size="small" icon={<PlayCircleOutlined />} loading={setPaused.isPending} onClick={() => act(false)}>
                  {t('schedules.resume')}
                </Button>
              ) : (
                <Button key="pause" size="small" icon={<PauseCircleOutlined />} onClick={() => setAsking(true)}>
                  {t('schedules.pause')}
                </Button>
              ),
            ]
          : []
      }
    >
      <Space orientation="vertical" size={2} style={{ width: '100%' }}>
        <Space wrap>
          <Typography.Text strong>{name}</Typography.Text>
          <Tag color={s.paused ? 'orange' : 'green'}>{t(s.paused ? 'schedules.paused' : 'schedules.running')}</Tag>
          <Typography.Text type="secondary">{describeCycle(s.expression, (k, v) => t(k, v))}</Typography.Text>
          {s.remainingRuns !== null && <Typography.Text type="secondary">{t('schedules.remaining', { n: s.remainingRuns })}</Typography.Text>}
        </Space>
        {s.paused && s.note && <Typography.Text type="warning">{s.note}</Typography.Text>}
        <Typography.Text type="secondary">{t('schedules.owner', { owner: ownerText })}</Typography.Text>
        {s.processVersion === null ? (
          <Alert type="warning" showIcon title={t('schedules.missing')} />
        ) : (
          <Typography.Text style={{ fontSize: 12 }}>
            {t('schedules.nextRuns')}：{s.nextRuns.length ? s.nextRuns.map((r) => chinaDateTime(r)).join('，') : t('schedules.noNextRuns')}
          </Typography.Text>
        )}
      </Space>
      <Modal
        open={asking}
        title={t('schedules.pauseTitle', { name })}
        okText={t('schedules.pause')}
        confirmLoading={setPaused.isPending}
        onOk={() => act(true, note.trim() || undefined)}
        onCancel={() => setAsking(false)}
        destroyOnHidden
      >
        <Input maxLength={200} value={note} placeholder={t('schedules.pauseNote')} onChange={(e) => setNote(e.target.value)} aria-label={t('schedules.pauseNote')} />
      </Modal>
    </List.Item>
  );
}
