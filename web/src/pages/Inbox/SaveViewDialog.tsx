import { Form, Input, Modal, Select, Typography } from 'antd';
import { useI18n } from '../../i18n/I18nProvider';
import { VIEW_NAME_MAX } from '../../../../contract/input-limits';

export interface Draft {
  /** The own view being changed (the selected one), or none: a new view. */
  id?: string;
  name: string;
  /** The team key it is shared with, '' for none. */
  share: string;
}

/** 保存视图: the name and the team to share with, problems beside the fields (loaded on first use). */
export function SaveViewDialog({
  draft,
  teams,
  problems,
  overwrites,
  saving,
  onChange,
  onSubmit,
  onCancel,
}: {
  draft: Draft;
  teams: Array<{ value: string; label: string }>;
  problems: { name?: string; share?: string; other?: string };
  overwrites: boolean;
  saving: boolean;
  onChange: (draft: Draft) => void;
  onSubmit: () => void;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  return (
    <Modal
      open
      title={draft.id ? t('views.edit') : t('views.save')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={onSubmit}
      confirmLoading={saving}
      okButtonProps={{ disabled: !draft.name.trim() }}
      onCancel={onCancel}
      destroyOnHidden
    >
      <Form layout="vertical" component="div">
        <Form.Item label={t('views.name')} validateStatus={problems.name ? 'error' : undefined} help={problems.name ?? (overwrites ? t('views.overwrite') : undefined)}>
          <Input
            autoFocus
            aria-label={t('views.name')}
            placeholder={t('views.namePlaceholder')}
            maxLength={VIEW_NAME_MAX}
            showCount
            value={draft.name}
            onChange={(e) => onChange({ ...draft, name: e.target.value })}
            onPressEnter={onSubmit}
          />
        </Form.Item>
        <Form.Item label={t('views.shareWith')} validateStatus={problems.share ? 'error' : undefined} help={problems.share ?? t('views.shareHint')}>
          <Select
            aria-label={t('views.shareWith')}
            value={draft.share}
            onChange={(share: string) => onChange({ ...draft, share })}
            options={[{ value: '', label: t('views.shareNone') }, ...teams]}
          />
        </Form.Item>
        {problems.other && <Typography.Text type="danger" role="alert">{problems.other}</Typography.Text>}
      </Form>
    </Modal>
  );
}
