import { Alert, Button, Skeleton } from 'antd';
import type { ReactNode } from 'react';
import { useI18n } from '../i18n/I18nProvider';

/** The loading and error states every list shares; children render once data is there. */
export function QueryState(props: { isPending: boolean; error: Error | null; onRetry: () => void; children: ReactNode }) {
  const { t } = useI18n();
  if (props.isPending) return <Skeleton active paragraph={{ rows: 6 }} />;
  if (props.error) {
    return (
      <Alert
        type="error"
        showIcon
        title={t('common.loadFailed')}
        description={props.error.message}
        action={<Button onClick={props.onRetry}>{t('common.retry')}</Button>}
      />
    );
  }
  return <>{props.children}</>;
}
