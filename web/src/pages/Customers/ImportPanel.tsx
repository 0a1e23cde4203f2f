import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Space, Typography, Upload } from 'antd';
import { IMPORT_MAX_BYTES, IMPORT_MAX_ROWS } from '../../../../contract/input-limits';
import { ApiError } from '../../api/http';
import { useI18n } from '../../i18n/I18nProvider';
import { describeError, fieldMessage } from '../../lib/problems';
import { useImport, type ImportKind } from './customersApi';

/** 导入: the kind's templates, a file to upload, and what came of it (each bad row by number and column). */
export function ImportPanel({ kind }: { kind: ImportKind }) {
  const { t } = useI18n();
  const run = useImport(kind);
  const rowErrors = run.error instanceof ApiError ? (run.error.problem.errors ?? []) : [];
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid={`import-${kind}`}>
      <Space wrap>
        <Button icon={<DownloadOutlined />} href={`/api/imports/${kind}/template?format=xlsx`}>
          {t('import.template', { format: 'Excel' })}
        </Button>
        <Button icon={<DownloadOutlined />} href={`/api/imports/${kind}/template?format=csv`}>
          {t('import.template', { format: 'CSV' })}
        </Button>
        <Upload
          accept=".csv,.xlsx"
          showUploadList={false}
          beforeUpload={(file) => {
            run.mutate(file);
            return false;
          }}
        >
          <Button type="primary" icon={<UploadOutlined />} loading={run.isPending}>
            {t('import.upload')}
          </Button>
        </Upload>
      </Space>
      <Typography.Text type="secondary">{t('import.hint', { rows: IMPORT_MAX_ROWS, kb: IMPORT_MAX_BYTES / 1024 })}</Typography.Text>
      {run.isSuccess && <Alert type="success" showIcon title={t('import.done', { rows: run.data.rows, created: run.data.created, existing: run.data.existing })} />}
      {run.isError && (
        <Alert
          type="error"
          showIcon
          title={t('import.failed')}
          description={
            rowErrors.length ? (
              <ul style={{ margin: 0, paddingLeft: 18 }}>
                {rowErrors.map((e) => (
                  <li key={e.path + e.message}>{fieldMessage(e, t)}</li>
                ))}
              </ul>
            ) : (
              describeError(run.error, t)
            )
          }
        />
      )}
    </Space>
  );
}
