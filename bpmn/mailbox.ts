// Signals travel to a case as messages on the case's mailbox under a name no message can have
// (the API refuses NUL in any text), so a signal and a message of the same name never meet.
const SIGNAL_PREFIX = '\u0000signal:';

export const signalMailboxName = (signalName: string): string => SIGNAL_PREFIX + signalName;
export const isSignalMailboxName = (name: string): boolean => name.startsWith(SIGNAL_PREFIX);

/** The mailbox name a catch event waits for. */
export const mailboxNameOf = (trigger: { kind: 'message'; messageName: string } | { kind: 'signal'; signalName: string }): string =>
  trigger.kind === 'message' ? trigger.messageName : signalMailboxName(trigger.signalName);

/**
 * The case variables a message or signal start event gives a new case: each output maps one
 * message variable (as on a catch event); a start event without outputs takes none.
 */
export function startVariables(start: { outputs?: Array<{ source: string; target: string }> | undefined }, variables: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const o of start.outputs ?? []) if (Object.hasOwn(variables, o.source)) out[o.target] = variables[o.source];
  return out;
}

/** A business key for a case a publication starts: fixed by the message id, so a retry finds the same case. */
export function startedBusinessKey(day: string, digest: string): string {
  return `${day.replaceAll('-', '').slice(0, 8)}-M${digest.slice(0, 8).toUpperCase()}`;
}
