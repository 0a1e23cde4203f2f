// Why a FEEL expression could not be evaluated at run time, as a kind: the words of feelin's parser
// and of the budget (bpmn/feel-budget.ts) recognised, for the console and the API to say them in the
// reader's language (problem-words.ts: 决策…无法计算; incident-reasons.ts: an incident). Small on
// purpose: the console's first bundle carries it with the problem words.

/** Why a FEEL expression could not be evaluated (bpmn/feel-budget.ts and feelin's parse errors), in kinds. */
export type FeelFailureCode = 'syntax' | 'overSteps' | 'overSize' | 'rangeTooLong' | 'unsafePattern' | 'slowPattern' | 'other';

export interface FeelFailure {
  code: FeelFailureCode;
  params: Record<string, string | number>;
}

const FEEL_FAILURES: ReadonlyArray<[RegExp, (m: RegExpMatchArray) => FeelFailure]> = [
  [/^the evaluation would take more than (\d+) steps/, (m) => ({ code: 'overSteps', params: { limit: Number(m[1]) } })],
  [/^a value would be larger than (\d+) characters or elements/, (m) => ({ code: 'overSize', params: { limit: Number(m[1]) } })],
  [/^the range .* has (\d+) values, more than the (\d+) steps/, (m) => ({ code: 'rangeTooLong', params: { count: Number(m[1]), limit: Number(m[2]) } })],
  [/^the pattern .* of (\w+)\(\) can take exponential time/, (m) => ({ code: 'unsafePattern', params: { function: m[1]! } })],
  [/^the pattern .* of (\w+)\(\) may take about 10\^\d+ steps on a text of (\d+) characters/, (m) => ({ code: 'slowPattern', params: { function: m[1]!, length: Number(m[2]) } })],
  [/^(Incomplete|Unrecognized token)\b/, () => ({ code: 'syntax', params: {} })],
];

/** Why FEEL failed, from the detail feelin or the budget gave (`FEEL "x >": Incomplete <Comparison>` or just the part after the colon). */
export function classifyFeelFailure(detail: string): FeelFailure {
  const inner = /^FEEL "[\s\S]*?": ([\s\S]*)$/.exec(detail)?.[1] ?? detail;
  for (const [pattern, make] of FEEL_FAILURES) {
    const m = pattern.exec(inner);
    if (m) return make(m);
  }
  return { code: 'other', params: {} };
}
