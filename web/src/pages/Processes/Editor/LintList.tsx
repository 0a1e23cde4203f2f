import { Tag, Tooltip, Typography } from 'antd';
import { useI18n } from '../../../i18n/I18nProvider';
import { elementTypeLabel, modelElementLabel } from '../../../lib/problems';
import type { LintFinding } from './lintRules';

/** The lint rules' findings while drawing (lintRules.ts), each naming its element (by name, else kind; never id); a click selects it. Styled as problems, classed apart from the compiler's. */
export function LintList({ findings, onSelect }: { findings: LintFinding[]; onSelect: (elementId: string) => boolean }) {
  const { t } = useI18n();
  if (findings.length === 0) return null;
  return (
    <section className="sw-editor-lint">
      <Typography.Title level={5}>
        {t('editor.lint')} <Tag color={findings.some((f) => f.severity === 'error') ? 'red' : 'orange'}>{findings.length}</Tag>
      </Typography.Title>
      <ol aria-label={t('editor.lint')}>
        {findings.map((f, i) => (
          <li key={`${f.rule}-${f.elementId}-${i}`}>
            <Tooltip title={t('editor.showElement')} placement="left">
              <button type="button" className="sw-lint-item" onClick={() => onSelect(f.elementId)}>
                <div>{t(`lint.${f.rule}`, { element: modelElementLabel({ ...f, message: '' }, t) ?? '' })}</div>
                <Typography.Text type="secondary">{elementTypeLabel(f.elementType, t)}</Typography.Text>
              </button>
            </Tooltip>
          </li>
        ))}
      </ol>
    </section>
  );
}
