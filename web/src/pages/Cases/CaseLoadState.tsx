import { ReloadOutlined } from '@ant-design/icons';
import { Button, Card, Result, Skeleton, Space } from 'antd';
import { ApiError } from '../../api/http';
import { useI18n } from '../../i18n/I18nProvider';
import { describeError } from '../../lib/problems';

/**
 * A case page before its case is there: a skeleton while loading; "not found" (which also means
 * "not allowed", so ids cannot be probed) or a load failure with retry. Null once it has loaded.
 */
export function CaseLoadState(props: { isPending: boolean; error: Error | null; onRetry: () => void; onBack?: () => void; rows?: number }) {
  const { t } = useI18n();
  if (props.isPending) {
    return (
      <Card>
        <Skeleton active paragraph={{ rows: props.rows ?? 10 }} />
      </Card>
    );
  }
  if (!props.error) return null;
  const notFound = props.error instanceof ApiError && props.error.status === 404;
  return (
    <Card>
      <Result
        status={notFound ? '404' : 'error'}
        title={notFound ? t('caseDetail.notFound') : t('common.loadFailed')}
        subTitle={describeError(props.error, t)}
        extra={
          <Space>
            {props.onBack && <Button onClick={props.onBack}>{t('caseDetail.back')}</Button>}
            {!notFound && (
              <Button type="primary" icon={<ReloadOutlined />} onClick={props.onRetry}>
                {t('common.retry')}
              </Button>
            )}
          </Space>
        }
      />
    </Card>
  );
}
