import { DeleteOutlined, SaveOutlined, TeamOutlined } from '@ant-design/icons';
import { App as AntApp, Button, Popconfirm, Select, Space, Tooltip, Typography } from 'antd';
import { lazy, Suspense, useState } from 'react';
import type { TaskListParams } from '../../api/listParams';
import { useDeleteView } from '../../api/useDeleteView.mutation';
import { useSavedViews } from '../../api/useSavedViews.query';
import { useSaveView } from '../../api/useSaveView.mutation';
import { useI18n } from '../../i18n/I18nProvider';
import { describeError } from '../../lib/problems';
import { useRoleName } from '../Cases/useUnitName';
import type { NamedViewTeam, RoleCode, SavedView } from '../../../../contract';
import { filtersOf, matchingView, paramsOf, placeViewProblem, teamKey, teamLabel } from './savedViews';
import type { Draft } from './SaveViewDialog';
import { useLegacyViewMigration } from './useLegacyViewMigration';

const NOT_SHARED = '';

// The save dialog (antd Form and Modal) loads when it is first opened, not with the inbox.
const SaveViewDialog = lazy(() => import('./SaveViewDialog').then((m) => ({ default: m.SaveViewDialog })));

/**
 * Saved inbox views, kept on the server: the caller's own and those teammates shared with a team of
 * theirs (marked with the team). Save the current filters under a name, optionally shared with a
 * team (unit × role) the caller is in; re-apply; delete one's own after confirming.
 */
export function SavedViews({ params, onApply }: { params: TaskListParams; onApply: (p: TaskListParams) => void }) {
  const { t, lang } = useI18n();
  const { message } = AntApp.useApp();
  const roleName = useRoleName();
  const list = useSavedViews();
  const save = useSaveView();
  const remove = useDeleteView();
  useLegacyViewMigration(list.data);
  const views = list.data?.items ?? [];
  const teams = list.data?.teams ?? [];
  const current = matchingView(views, params);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [problems, setProblems] = useState<{ name?: string; share?: string; other?: string }>({});

  const label = (team: NamedViewTeam) => teamLabel(team, lang, roleName);
  const mine = views.filter((v) => v.mine);
  const shared = views.filter((v) => !v.mine);
  // Saving under the name of another own view replaces that one (as before, in the browser).
  const replaces = draft ? mine.find((v) => v.name === draft.name.trim() && v.id !== draft.id) : undefined;

  const option = (v: SavedView) => ({
    value: v.id,
    title: v.sharedWith ? `${v.name}（${label(v.sharedWith)}）` : v.name,
    label: (
      <Space size={4}>
        <span>{v.name}</span>
        {v.sharedWith && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            <TeamOutlined /> {label(v.sharedWith)}
          </Typography.Text>
        )}
      </Space>
    ),
  });

  const openDraft = () => {
    setProblems({});
    setDraft(current?.mine ? { id: current.id, name: current.name, share: current.sharedWith ? teamKey(current.sharedWith) : NOT_SHARED } : { name: '', share: NOT_SHARED });
  };

  const submit = () => {
    if (!draft || !draft.name.trim()) return;
    const team = teams.find((x) => teamKey(x) === draft.share);
    const sharedWith = team ? { unitId: team.unitId, role: team.role as RoleCode } : null;
    const name = draft.name.trim();
    const target = replaces ?? (draft.id ? mine.find((v) => v.id === draft.id) : undefined);
    save.mutate(
      { ...(target && { id: target.id }), body: { name, filters: filtersOf(params), sharedWith } },
      {
        onSuccess: () => {
          setDraft(null);
          void message.success(t('views.saved', { name }));
        },
        // Problems about a field go beside it, the rest above the buttons.
        onError: (err) => setProblems(placeViewProblem(err, t)),
      },
    );
  };

  const deleteCurrent = () => {
    if (!current?.mine) return;
    remove.mutate(current.id, {
      onSuccess: () => void message.success(t('views.deleted', { name: current.name })),
      onError: (err) => void message.error(describeError(err, t)),
    });
  };

  return (
    <>
      <Space.Compact>
        <Select
          aria-label={t('views.label')}
          placeholder={t('views.placeholder')}
          loading={list.isPending}
          value={current?.id}
          onChange={(id: string) => {
            const v = views.find((x) => x.id === id);
            if (v) onApply(paramsOf(v.filters));
          }}
          options={[
            ...(mine.length ? [{ label: t('views.mine'), title: t('views.mine'), options: mine.map(option) }] : []),
            ...(shared.length ? [{ label: t('views.shared'), title: t('views.shared'), options: shared.map(option) }] : []),
          ]}
          optionLabelProp="title"
          notFoundContent={list.error ? describeError(list.error, t) : t('views.none')}
          style={{ width: 220 }}
          popupMatchSelectWidth={false}
        />
        <Tooltip title={current?.mine ? t('views.edit') : t('views.save')}>
          <Button icon={<SaveOutlined />} aria-label={current?.mine ? t('views.edit') : t('views.save')} onClick={openDraft} />
        </Tooltip>
        <Tooltip title={current && !current.mine ? t('views.notMine', { owner: current.ownerName }) : t('views.delete')}>
          <Popconfirm
            title={current?.sharedWith ? t('views.deleteConfirmShared', { name: current.name, team: label(current.sharedWith) }) : t('views.deleteConfirm', { name: current?.name ?? '' })}
            okText={t('views.deleteOk')}
            okButtonProps={{ danger: true }}
            cancelText={t('common.cancel')}
            onConfirm={deleteCurrent}
            disabled={!current?.mine}
          >
            <Button icon={<DeleteOutlined />} aria-label={t('views.delete')} disabled={!current?.mine} loading={remove.isPending} />
          </Popconfirm>
        </Tooltip>
      </Space.Compact>
      {draft !== null && (
        <Suspense fallback={null}>
          <SaveViewDialog
            draft={draft}
            teams={teams.map((x) => ({ value: teamKey(x), label: label(x) }))}
            problems={problems}
            overwrites={replaces !== undefined}
            saving={save.isPending}
            onChange={(next) => {
              setDraft(next);
              setProblems({});
            }}
            onSubmit={submit}
            onCancel={() => setDraft(null)}
          />
        </Suspense>
      )}
    </>
  );
}
