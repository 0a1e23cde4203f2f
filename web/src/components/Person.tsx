import { useI18n } from '../i18n/I18nProvider';
import { personLabel } from '../lib/person';

/**
 * A person as people read them (issue 12): the display name, or 我 for the reader; the user id
 * stays available to auditors on hover, never as the label. No id: the engine did it, 系统 / System.
 */
export function Person({ id, name, meId }: { id: string | null; name: string | null | undefined; meId?: string | undefined }) {
  const { t } = useI18n();
  if (id === null) return <span className="sw-text-secondary">{t('audit.system')}</span>;
  const label = id === meId ? t('task.me') : personLabel(id, name, t('audit.system'));
  return (
    <span className="sw-person" title={name && id !== meId ? id : `${name ?? ''} ${id}`.trim()}>
      {label}
    </span>
  );
}
