import { Card, Col, Empty, Row, Space, Typography } from 'antd';
import { useSearchParams } from 'react-router';
import { useI18n } from '../../i18n/I18nProvider';
import { AuditCase } from './AuditCase';
import { CasePicker } from './CasePicker';
import './audit.css';

/** `/audit?case=<id>`: pick a case, then its header, diagram, hash-chained trail and a replay check. */
export function AuditPage() {
  const { t } = useI18n();
  const [search, setSearch] = useSearchParams();
  const caseId = search.get('case') ?? '';
  const select = (id: string) => {
    const next = new URLSearchParams(search);
    next.set('case', id);
    setSearch(next);
  };

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <div>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('audit.title')}
        </Typography.Title>
        <Typography.Text type="secondary">{t('audit.intro')}</Typography.Text>
      </div>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={6}>
          <CasePicker selectedId={caseId} onSelect={select} />
        </Col>
        <Col xs={24} xl={18}>
          {caseId ? (
            // Keyed by case: the replay result and export state belong to one case.
            <AuditCase key={caseId} caseId={caseId} />
          ) : (
            <Card>
              <Empty description={t('audit.selectPrompt')} />
            </Card>
          )}
        </Col>
      </Row>
    </Space>
  );
}
