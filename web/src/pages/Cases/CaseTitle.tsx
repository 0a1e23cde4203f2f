import { Flex, Tag, Typography } from 'antd';
import type { Case } from '../../../../contract';
import { caseStatusColor, caseStatusLabel } from '../../components/outcomes';
import { useI18n } from '../../i18n/I18nProvider';

/** A case's title with its status, and its business key to copy (case page, audit page). */
export function CaseTitle({ c, level }: { c: Pick<Case, 'title' | 'status' | 'businessKey'>; level: 3 | 4 }) {
  const { t } = useI18n();
  return (
    <>
      <Flex align="center" gap={8} wrap>
        <Typography.Title level={level} style={{ margin: 0 }}>
          {c.title}
        </Typography.Title>
        <Tag color={caseStatusColor[c.status] ?? 'default'}>{caseStatusLabel(t, c.status)}</Tag>
      </Flex>
      <Typography.Text type="secondary" copyable={{ text: c.businessKey }}>
        {c.businessKey}
      </Typography.Text>
    </>
  );
}
