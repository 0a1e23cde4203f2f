import { DeleteOutlined, SaveOutlined } from '@ant-design/icons';
import { App as AntApp, Button, Input, Modal, Select, Space, Tooltip } from 'antd';
import { useState } from 'react';
import { paramsFromSearch } from '../../api/taskListParams';
import type { TaskListParams } from '../../api/listParams';
import { useI18n } from '../../i18n/I18nProvider';
import { deleteView, loadSavedViews, matchingView, saveView, type SavedView } from './savedViews';

/** Save the current filter set under a name (localStorage), re-apply or delete saved ones. */
export function SavedViews({ params, onApply }: { params: TaskListParams; onApply: (p: TaskListParams) => void }) {
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const [views, setViews] = useState<SavedView[]>(() => loadSavedViews(localStorage));
  const [naming, setNaming] = useState(false);
  const [name, setName] = useState('');
  const current = matchingView(views, params);

  const save = () => {
    const trimmed = name.trim();
    if (!trimmed) return;
    setViews(saveView(localStorage, trimmed, params));
    setNaming(false);
    void message.success(t('views.saved', { name: trimmed }));
  };

  return (
    <>
      <Space.Compact>
        <Select
          aria-label={t('views.label')}
          placeholder={t('views.placeholder')}
          value={current?.name}
          onChange={(n: string) => {
            const v = views.find((x) => x.name === n);
            if (v) onApply(paramsFromSearch(v.search));
          }}
          options={views.map((v) => ({ value: v.name, label: v.name }))}
          notFoundContent={t('views.none')}
          style={{ width: 180 }}
        />
        <Tooltip title={t('views.save')}>
          <Button
            icon={<SaveOutlined />}
            aria-label={t('views.save')}
            onClick={() => {
              setName(current?.name ?? '');
              setNaming(true);
            }}
          />
        </Tooltip>
        <Tooltip title={t('views.delete')}>
          <Button
            icon={<DeleteOutlined />}
            aria-label={t('views.delete')}
            disabled={!current}
            onClick={() => {
              if (!current) return;
              setViews(deleteView(localStorage, current.name));
              void message.success(t('views.deleted', { name: current.name }));
            }}
          />
        </Tooltip>
      </Space.Compact>
      <Modal
        open={naming}
        title={t('views.save')}
        okText={t('common.save')}
        onOk={save}
        okButtonProps={{ disabled: !name.trim() }}
        onCancel={() => setNaming(false)}
        destroyOnHidden
      >
        <Input
          autoFocus
          aria-label={t('views.name')}
          placeholder={t('views.namePlaceholder')}
          maxLength={40}
          value={name}
          onChange={(e) => setName(e.target.value)}
          onPressEnter={save}
        />
        {views.some((v) => v.name === name.trim()) && <div className="sw-hint">{t('views.overwrite')}</div>}
      </Modal>
    </>
  );
}
