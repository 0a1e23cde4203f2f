import { CheckOutlined, CloseOutlined } from '@ant-design/icons';
import { Button, Flex, Input } from 'antd';
import type { TextAreaRef } from 'antd/es/input/TextArea';
import type { Ref } from 'react';
import { DECISION_COMMENT_MAX } from '../../../../contract/input-limits';
import { outcomeLabel } from '../../components/outcomes';
import { useI18n } from '../../i18n/I18nProvider';
import { useIsPhone } from '../../lib/useIsPhone';

interface Props {
  outcomes: string[];
  disabled: boolean;
  /** The outcome being sent (its button spins). */
  sending: string | null;
  /** The outcome Ctrl+Enter in the comment box sends (armed by `r`, else the primary one). */
  armed: string | null;
  onDecide: (outcome: string) => void;
  comment: string;
  onCommentChange: (value: string) => void;
  commentError: string | null;
  /** The step's form needs its opinion whatever the outcome (its opinion field is required). */
  commentRequired?: boolean;
  commentRef: Ref<TextAreaRef>;
  onCommentEscape: () => void;
}

const shortcutOf = (outcome: string) => (outcome === 'approve' ? 'a' : outcome === 'reject' ? 'r' : undefined);

/** The comment box and one button per outcome: 同意 / 驳回 / 完成 / others by id. A rejection needs a comment. */
export function OutcomeBar(props: Props) {
  const { t } = useI18n();
  const rejectable = props.outcomes.includes('reject');
  const ctrlEnterTarget = props.armed ?? primaryOutcome(props.outcomes);
  // A phone has no keyboard shortcuts to hint at; its buttons stay at the bottom of the screen, in thumb's reach.
  const phone = useIsPhone();
  return (
    <div className="sw-outcome-bar">
      <label htmlFor="sw-task-comment" className={`sw-field-label${props.armed === 'reject' || props.commentRequired ? ' sw-required' : ''}`}>
        {t('task.comment')}
      </label>
      <Input.TextArea
        id="sw-task-comment"
        ref={props.commentRef}
        rows={3}
        maxLength={DECISION_COMMENT_MAX}
        showCount
        value={props.comment}
        disabled={props.disabled}
        status={props.commentError ? 'error' : undefined}
        aria-invalid={Boolean(props.commentError)}
        aria-describedby="sw-task-comment-hint"
        placeholder={rejectable ? t('task.commentPlaceholderReject') : t('task.commentPlaceholder')}
        onChange={(e) => props.onCommentChange(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey) && ctrlEnterTarget) {
            e.preventDefault();
            props.onDecide(ctrlEnterTarget);
          } else if (e.key === 'Escape') {
            e.currentTarget.blur();
            props.onCommentEscape();
          }
        }}
      />
      <div id="sw-task-comment-hint" className={props.commentError ? 'sw-error-text' : 'sw-hint'} role={props.commentError ? 'alert' : undefined}>
        {props.commentError ?? (ctrlEnterTarget && !phone ? t('task.ctrlEnterHint', { outcome: outcomeLabel(t, ctrlEnterTarget) }) : '')}
      </div>
      <Flex gap={8} wrap className={phone ? 'sw-outcome-buttons sw-outcome-buttons-phone' : 'sw-outcome-buttons'} style={phone ? undefined : { marginTop: 12 }}>
        {props.outcomes.map((outcome) => {
          const key = shortcutOf(outcome);
          const label = outcomeLabel(t, outcome);
          return (
            <Button
              key={outcome}
              type={outcome === 'reject' ? 'default' : outcome === primaryOutcome(props.outcomes) ? 'primary' : 'default'}
              danger={outcome === 'reject'}
              icon={outcome === 'approve' ? <CheckOutlined /> : outcome === 'reject' ? <CloseOutlined /> : undefined}
              disabled={props.disabled || (props.sending !== null && props.sending !== outcome)}
              loading={props.sending === outcome}
              aria-keyshortcuts={phone ? undefined : key}
              size={phone ? 'large' : undefined}
              onClick={() => props.onDecide(outcome)}
            >
              {label}
              {key && !phone && <kbd className="sw-kbd-hint" aria-hidden>{key}</kbd>}
            </Button>
          );
        })}
      </Flex>
    </div>
  );
}

/** approve, else complete, else the first outcome that is not reject. */
export function primaryOutcome(outcomes: string[]): string | null {
  return outcomes.find((o) => o === 'approve') ?? outcomes.find((o) => o === 'complete') ?? outcomes.find((o) => o !== 'reject') ?? null;
}
