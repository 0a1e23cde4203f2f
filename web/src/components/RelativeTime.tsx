import { useI18n } from '../i18n/I18nProvider';
import { formatDateTime, formatRelative } from '../lib/time';
import { useNow } from '../lib/useNow';
import { LazyTooltip } from './LazyTooltip';

/** "3 小时后" with the exact time in a tooltip and a <time> element for assistive tech. */
export function RelativeTime({ iso, danger }: { iso: string | null | undefined; danger?: boolean }) {
  const { lang } = useI18n();
  const now = useNow();
  // Plain spans, not Typography.Text: lists draw two of these per row (issue 19, bench B5).
  if (!iso) return <span className="sw-text-secondary">—</span>;
  return (
    <LazyTooltip title={() => formatDateTime(iso, lang)}>
      <span className={danger ? 'sw-text-danger' : undefined}>
        <time dateTime={iso}>{formatRelative(iso, now, lang)}</time>
      </span>
    </LazyTooltip>
  );
}
