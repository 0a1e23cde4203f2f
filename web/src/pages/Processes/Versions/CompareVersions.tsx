import { Button, Card, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import type { ProcessVersionInfo } from '../../../../../contract';
import { useProcessVersion } from '../../../api/useProcessVersion.query';
import { useI18n } from '../../../i18n/I18nProvider';
import DiagramDiffView from './DiagramDiffView';

/** 比较版本 (issue 18 §5): any two deployed versions of a process with the deploy dialog's diff. Lazy: it brings bpmn-js. */
export default function CompareVersions({ processKey, versions }: { processKey: string; versions: ProcessVersionInfo[] }) {
  const { t } = useI18n();
  const numbers = versions.map((v) => v.version).sort((a, b) => b - a);
  const [from, setFrom] = useState(numbers[1] ?? numbers[0]!);
  const [to, setTo] = useState(numbers[0]!);
  const [shown, setShown] = useState<{ from: number; to: number } | null>(null);
  const options = numbers.map((n) => ({ value: n, label: `v${n}` }));
  return (
    <Card size="small" title={t('versions.compare')}>
      <Space wrap>
        <Typography.Text>{t('versions.compareFrom')}</Typography.Text>
        <Select aria-label={t('versions.compareFrom')} value={from} onChange={setFrom} options={options} style={{ width: 90 }} />
        <Typography.Text>{t('versions.compareTo')}</Typography.Text>
        <Select aria-label={t('versions.compareTo')} value={to} onChange={setTo} options={options} style={{ width: 90 }} />
        <Button type="primary" disabled={from === to} onClick={() => setShown({ from, to })}>
          {t('versions.compareRun')}
        </Button>
      </Space>
      {shown && <VersionPair key={`${shown.from}-${shown.to}`} processKey={processKey} from={shown.from} to={shown.to} />}
    </Card>
  );
}

function VersionPair({ processKey, from, to }: { processKey: string; from: number; to: number }) {
  const { t } = useI18n();
  const a = useProcessVersion(processKey, from);
  const b = useProcessVersion(processKey, to);
  if (!a.data || !b.data) return <Typography.Paragraph type="secondary">{a.error || b.error ? t('common.loadFailed') : t('versions.loading')}</Typography.Paragraph>;
  return (
    <div style={{ marginTop: 12 }}>
      <DiagramDiffView beforeXml={a.data.xml} afterXml={b.data.xml} beforeLabel={`v${from}`} afterLabel={`v${to}`} beforeForms={a.data.forms} afterForms={b.data.forms} />
    </div>
  );
}
