import type { CaseEnded } from '../db/cases';

/**
 * What a notice about a case's end says beside its headline (the bell, the e-mail, the team chat): words
 * for people. The engine's end reason is its own English line for a failure ("uncaught BPMN error … from
 * EndEvent_1", an activity's or an incident's message) and `cancelled` for a cancellation; the case page
 * words a failure from the case's model (web/src/pages/Cases/useEventWords.ts), so the notice points
 * there. A cancellation at an incident carries the canceller's own reason (处理故障时取消：…): kept.
 */
export function caseEndNote(c: Pick<CaseEnded, 'status' | 'reason'>): string {
  if (!c.reason) return '';
  if (c.status === 'failed') return '流程运行出错而停止，原因见案例页的处理记录。';
  if (c.reason === 'cancelled') return '案例被取消。';
  return c.reason;
}
