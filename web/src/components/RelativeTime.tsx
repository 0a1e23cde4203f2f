import { Typography } from 'antd';
import { useI18n } from '../i18n/I18nProvider';
import { formatDateTime, formatRelative } from '../lib/time';
import { useNow } from '../lib/useNow';
import { LazyTooltip } from './LazyTooltip';

/** "3 小时后" with the exact time in a tooltip and a <time> element for assistive tech. */
export function RelativeTime({ iso, danger }: { iso: string | null | undefined; danger?: boolean }) {
  const { lang } = useI18n();
  const now = useNow();
  if (!iso) return <Typography.Text type="secondary">—</Typography.Text>;
  const absolute = formatDateTime(iso, lang);
  return (
    <LazyTooltip title={absolute}>
      <Typography.Text type={danger ? 'danger' : undefined}>
        <time dateTime={iso}>{formatRelative(iso, now, lang)}</time>
      </Typography.Text>
    </LazyTooltip>
  );
}
