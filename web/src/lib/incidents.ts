import { classifyIncident } from '../../../contract/incident-reasons';
import { wordProblem } from '../../../contract/problem-words';
import { isMessageKey } from '../i18n/catalog';
import type { MessageKey } from '../i18n/messages';
import { elementLabel, type ElementRef } from './problems';

type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

/** Parses the optional corrections box: a JSON object, or nothing. */
export function parseCorrections(text: string): { ok: true; variables?: Record<string, unknown> } | { ok: false } {
  if (!text.trim()) return { ok: true };
  try {
    const v: unknown = JSON.parse(text);
    return v && typeof v === 'object' && !Array.isArray(v) ? { ok: true, variables: v as Record<string, unknown> } : { ok: false };
  } catch {
    return { ok: false };
  }
}

/** Where an incident stopped a case: the element, with its BPMN type from the process model when known (an unnamed element is named by it). */
export type IncidentAt = ElementRef & { elementId: string };

/**
 * Why an incident stopped the case, in the user's language (the engine stores one English line:
 * contract/incident-reasons.ts says which kind it is). The line itself is the technical detail,
 * shown to process owners apart from this sentence; a kind without words gets a general sentence.
 */
export function describeIncident(i: IncidentAt & { message: string }, t: Translate): string {
  const element = elementLabel(i, t);
  const { code, params } = classifyIncident(i.message, i.elementType);
  if (code.startsWith('dmn.')) {
    const problem = wordProblem(code, params, t, isMessageKey);
    if (problem) return t('incidentReason.decision', { element, problem });
  }
  if (code === 'feel.failed') return t('incidentReason.feel.failed', { element, failure: wordFeelFailure(String(params.failure), params, t) });
  if (code === 'bpmnError.uncaught' && !params.errorCode) return t('incidentReason.bpmnError.uncaughtNoCode', { element });
  const key = `incidentReason.${code}`;
  return t(isMessageKey(key) ? key : 'incidentReason.unknown', { ...params, element });
}

/** A FEEL failure kind (`syntax`, `overSteps` …) in words, with what it names (the limit passed). */
const wordFeelFailure = (failure: string, params: Record<string, string | number>, t: Translate): string =>
  t(isMessageKey(`feelFailure.${failure}`) ? (`feelFailure.${failure}` as MessageKey) : 'feelFailure.other', params);
