import { Tag } from 'antd';
import { useI18n } from '../../i18n/I18nProvider';
import type { MessageKey } from '../../i18n/messages';

const STATUS_COLOR: Record<string, string> = { in_stock: 'green', on_loan: 'blue', rectifying: 'orange', destroyed: 'default' };

/** 在库 / 借出 / 整改中 / 已销毁 as a coloured tag. */
export function ArchiveStatusTag({ status }: { status: string }) {
  const { t } = useI18n();
  return <Tag color={STATUS_COLOR[status] ?? 'default'}>{t(`archives.status.${status}` as MessageKey)}</Tag>;
}
