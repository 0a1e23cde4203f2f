import v8 from 'node:v8';

/**
 * Defence in depth beside the pattern check (bpmn/pattern-safety.ts): V8 runs a regular expression that
 * backtracks too much on its linear-time engine instead. Process-wide and for every thread (the
 * worker's workflow sandboxes included), for expressions compiled from now on; not for the `i` and `u`
 * flags, nor back-references and lookarounds, which that engine does not run (and the check refuses).
 * Called where the API and the worker are built, so every process that evaluates a process owner's
 * patterns has it — the tests' too.
 */
let enabled = false;
export function enableLinearRegExpFallback(): void {
  if (enabled) return;
  v8.setFlagsFromString('--enable-experimental-regexp-engine-on-excessive-backtracks');
  enabled = true;
}
