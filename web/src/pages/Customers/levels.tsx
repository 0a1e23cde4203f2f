import { Tag } from 'antd';
import { useI18n } from '../../i18n/I18nProvider';
import type { MessageKey } from '../../i18n/messages';

const LEVEL_COLOR: Record<string, string> = { public: 'green', internal: 'blue', secret: 'orange', confidential: 'red' };

/** 公开 / 内部 / 秘密 / 机密 as a coloured tag. */
export function LevelTag({ level }: { level: string }) {
  const { t } = useI18n();
  return <Tag color={LEVEL_COLOR[level] ?? 'default'}>{t(`customers.level.${level}` as MessageKey)}</Tag>;
}
