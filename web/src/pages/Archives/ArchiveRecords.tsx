import { Card } from 'antd';
import { useMemo } from 'react';
import type { ArchiveDetail } from '../../../../contract';
import { useProcessVersion } from '../../api/useProcessVersion.query';
import { useDictionary, VariableTable } from '../../components/Variables';
import { useI18n } from '../../i18n/I18nProvider';

/**
 * 档案内容: the case's data at 归档, read through the forms of the version the case ran on — labels
 * and option names, China time, people by name — as on the case page, never the raw keys.
 */
export function ArchiveRecords({ archive: a }: { archive: ArchiveDetail }) {
  const { t } = useI18n();
  const version = useProcessVersion(a.archiveType, a.sourceProcessVersion ?? 0, a.sourceProcessVersion !== null);
  const dict = useDictionary(version.data);
  const people = useMemo(() => new Map(Object.entries(a.people)), [a.people]);
  return (
    <Card title={t('archives.records')} size="small" loading={a.sourceProcessVersion !== null && version.isPending}>
      <VariableTable dict={dict} variables={a.records} column={2} label={t('archives.records')} className="sw-archive-records" people={people} />
    </Card>
  );
}
