import { DeleteOutlined, LeftOutlined, RightOutlined } from '@ant-design/icons';
import { Alert, App as AntApp, Button, Card, Empty, Flex, Input, InputNumber, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { useSession } from '../../api/hooks';
import { useI18n } from '../../i18n/I18nProvider';
import type { MessageKey } from '../../i18n/messages';
import { describeError } from '../../lib/problems';
import { canManageCalendar } from '../../lib/roles';
import { QueryState } from '../QueryState';
import type { CalendarDay, CalendarDayChange } from '../../../../contract';
import { useCalendarYear, useDeleteCalendarDay, useSaveCalendarDays } from './calendarApi';
import { dayProblem, notableDays, yearTotals } from './calendarDays';
import { DayPicker } from '../../components/DayPicker';
import { formatChinaDateTime } from '../../lib/time';

const WEEKDAY_KEYS: MessageKey[] = ['calendar.wd1', 'calendar.wd2', 'calendar.wd3', 'calendar.wd4', 'calendar.wd5', 'calendar.wd6', 'calendar.wd7'];
const SOURCE_COLOR = { national: 'blue', override: 'purple', weekday: 'default' } as const;

/**
 * 工作日历 `/calendar?year=`: the holidays and 调休 days deadlines ("N 个工作日") are computed with.
 * Everyone may look; admins add the days the national schedule lacks (e.g. a year chinese-days
 * does not know yet) and remove them again.
 */
export function CalendarPage() {
  const { t, lang } = useI18n();
  const [search, setSearch] = useSearchParams();
  const year = Number(search.get('year')) || new Date().getFullYear();
  const setYear = (y: number) => setSearch({ year: String(y) }, { replace: true });
  const admin = canManageCalendar(useSession().data);
  const calendar = useCalendarYear(year);
  const remove = useDeleteCalendarDay();
  const { message } = AntApp.useApp();
  const totals = calendar.data ? yearTotals(calendar.data.days) : undefined;

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <div>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('calendar.title')}
        </Typography.Title>
        <Typography.Text type="secondary">{t('calendar.intro')}</Typography.Text>
      </div>
      <Card
        title={
          <Space>
            <Button size="small" icon={<LeftOutlined />} aria-label={t('calendar.prevYear')} onClick={() => setYear(year - 1)} />
            <InputNumber size="small" min={2000} max={2100} value={year} onChange={(v) => v && setYear(v)} aria-label={t('calendar.year')} />
            <Button size="small" icon={<RightOutlined />} aria-label={t('calendar.nextYear')} onClick={() => setYear(year + 1)} />
          </Space>
        }
        extra={totals && <Typography.Text type="secondary">{t('calendar.totals', totals)}</Typography.Text>}
      >
        <QueryState isPending={calendar.isPending} error={calendar.error} onRetry={() => void calendar.refetch()}>
          <Space orientation="vertical" size={12} style={{ width: '100%' }}>
            {calendar.data && !calendar.data.nationalScheduleKnown && (
              <Alert type="warning" showIcon title={t('calendar.noNational', { year })} description={admin ? t('calendar.noNationalAdmin') : t('calendar.noNationalUser')} />
            )}
            {admin && <OverrideForm year={year} />}
            <Table<CalendarDay>
              rowKey="day"
              size="small"
              dataSource={calendar.data ? notableDays(calendar.data.days) : []}
              pagination={{ pageSize: 50, hideOnSinglePage: true }}
              locale={{ emptyText: <Empty description={t('calendar.empty')} /> }}
              columns={[
                { title: t('calendar.day'), dataIndex: 'day', width: 130 },
                { title: t('calendar.weekday'), render: (_, d) => t(WEEKDAY_KEYS[d.weekday - 1]!), width: 80 },
                {
                  title: t('calendar.status'),
                  render: (_, d) => <Tag color={d.working ? 'green' : 'red'}>{d.working ? t('calendar.working') : t('calendar.off')}</Tag>,
                  width: 100,
                },
                { title: t('calendar.source'), render: (_, d) => <Tag color={SOURCE_COLOR[d.source]}>{t(`calendar.source.${d.source}`)}</Tag>, width: 120 },
                { title: t('calendar.name'), render: (_, d) => d.name ?? '' },
                {
                  title: t('calendar.updatedBy'),
                  // By name and China time (an account id and a UTC date said the day before for a change made before 08:00).
                  render: (_, d) => (d.override ? [d.override.updatedByName ?? d.override.updatedBy ?? '—', d.override.updatedAt ? formatChinaDateTime(d.override.updatedAt, lang) : null].filter(Boolean).join(' · ') : ''),
                  width: 180,
                },
                ...(admin
                  ? [
                      {
                        title: t('task.actions'),
                        width: 110,
                        render: (_: unknown, d: CalendarDay) =>
                          d.override && (
                            <Popconfirm
                              title={t('calendar.removeConfirm', { day: d.day })}
                              onConfirm={() =>
                                remove.mutate(d.day, {
                                  onSuccess: () => void message.success(t('calendar.removed', { day: d.day })),
                                  onError: (err) => void message.error(describeError(err, t)),
                                })
                              }
                            >
                              <Button size="small" danger icon={<DeleteOutlined />} aria-label={t('calendar.removeAria', { day: d.day })}>
                                {t('calendar.remove')}
                              </Button>
                            </Popconfirm>
                          ),
                      },
                    ]
                  : []),
              ]}
            />
          </Space>
        </QueryState>
      </Card>
    </Space>
  );
}

/** One day at a time; bulk entry is `npx shouwen calendar import` or PUT /api/calendar/days. */
function OverrideForm({ year }: { year: number }) {
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const save = useSaveCalendarDays();
  const [day, setDay] = useState('');
  const [kind, setKind] = useState<CalendarDayChange['kind']>('holiday');
  const [note, setNote] = useState('');
  const problem = day ? dayProblem(day, year) : null;
  const submit = () =>
    save.mutate([{ day, kind, ...(note.trim() ? { note: note.trim() } : {}) }], {
      onSuccess: () => {
        void message.success(t('calendar.saved', { day }));
        setDay('');
        setNote('');
      },
      onError: (err) => void message.error(describeError(err, t)),
    });
  return (
    <Flex gap={8} wrap align="center">
      <Typography.Text strong>{t('calendar.add')}</Typography.Text>
      <Flex vertical>
        <DayPicker
          width={160}
          label={t('calendar.day')}
          openAt={year === new Date().getFullYear() ? undefined : `${year}-01-01`}
          value={day}
          invalid={Boolean(problem)}
          describedBy={problem ? 'sw-calendar-day-problem' : undefined}
          onChange={setDay}
        />
        {problem && (
          <span id="sw-calendar-day-problem" className="sw-error-text" role="alert">
            {problem === 'otherYear' ? t('calendar.dayOtherYear', { year }) : t('calendar.dayInvalid')}
          </span>
        )}
      </Flex>
      <Select<CalendarDayChange['kind']>
        style={{ width: 150 }}
        value={kind}
        onChange={setKind}
        aria-label={t('calendar.kind')}
        options={[
          { value: 'holiday', label: t('calendar.kind.holiday') },
          { value: 'workday', label: t('calendar.kind.workday') },
        ]}
      />
      <Input style={{ width: 200 }} maxLength={100} placeholder={t('calendar.notePlaceholder')} value={note} onChange={(e) => setNote(e.target.value)} aria-label={t('calendar.note')} />
      <Button type="primary" disabled={!day || problem !== null} loading={save.isPending} onClick={submit}>
        {t('common.save')}
      </Button>
    </Flex>
  );
}
