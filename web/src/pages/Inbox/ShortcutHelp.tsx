import { Modal, Typography } from 'antd';
import { Fragment } from 'react';
import { useI18n } from '../../i18n/I18nProvider';
import { INBOX_SHORTCUTS, TASK_SHORTCUTS, type ShortcutDoc } from './shortcuts';

function Section({ title, items }: { title: string; items: ShortcutDoc[] }) {
  const { t } = useI18n();
  return (
    <section aria-label={title}>
      <Typography.Title level={5}>{title}</Typography.Title>
      <dl className="sw-keys">
        {items.map((s) => (
          <Fragment key={s.label}>
            <dt>
              {s.keys.map((k, i) => (
                <Fragment key={k}>
                  {i > 0 && <span className="sw-keys-or"> / </span>}
                  <kbd>{k}</kbd>
                </Fragment>
              ))}
            </dt>
            <dd>{t(s.label)}</dd>
          </Fragment>
        ))}
      </dl>
    </section>
  );
}

/** The `?` dialog: every shortcut of the inbox and the task page. */
export function ShortcutHelp({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useI18n();
  return (
    <Modal open={open} onCancel={onClose} footer={null} title={t('keys.title')} width={560}>
      <Section title={t('keys.inbox')} items={INBOX_SHORTCUTS} />
      <Section title={t('keys.task')} items={TASK_SHORTCUTS} />
      <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
        {t('keys.typingNote')}
      </Typography.Paragraph>
    </Modal>
  );
}
