import { fieldsOf, type FormSchema } from './form-data';
import type { ModelProblem, ProcessModel } from './model';
import { formatTextLimit, PATTERN_WARNING_BELOW } from './pattern-cost';
import { patternVerdict } from './pattern-safety';

// A form field's `validate.pattern` runs on every submission, inside the case's workflow (the
// Update's validator) and in the browser. A pattern with nested repetition such as ^(a+)+$ takes
// exponential time on a crafted value and would hold the worker; one that is not a regular
// expression at all, such as "(", cannot check anything. Both are refused at deploy, naming the
// element (a user task, or a start event: its form runs on the API as a case starts), the form and the field.

// A format that backtracks polynomially where V8's linear fallback cannot take it (a{0,17}a*a*b) is not run on values longer than its bound (form-data.ts): a warning
// names that length, unless the field's own maximum length is within it.

export function formPatternProblems(model: ProcessModel, forms: Record<string, FormSchema>): { problems: ModelProblem[]; warnings: ModelProblem[] } {
  const problems: ModelProblem[] = [];
  const warnings: ModelProblem[] = [];
  // Every element with a form: a user task's, and a start event's (its form is checked by the API when a case starts).
  for (const el of Object.values(model.elements)) {
    const formId = 'formId' in el ? el.formId : undefined;
    if (!formId) continue;
    const form = forms[formId];
    if (!form) continue;
    for (const field of fieldsOf(form.components)) {
      const pattern = field.validate?.pattern;
      if (!pattern) continue;
      const where = `Form "${formId}", field "${field.label ?? field.key}" (${field.key})`;
      // the console words the refusal from these (a form edited in the 表单 drawer is named as the owner sees it)
      const named = { formId, field: String(field.label ?? field.key), key: String(field.key) };
      const element = { elementId: el.id, elementType: el.type, ...(el.name && { elementName: el.name }) };
      const verdict = patternVerdict(pattern);
      if (verdict === 'invalid') {
        problems.push({
          ...element,
          message: `${where}: the format pattern ${JSON.stringify(pattern)} is not a valid regular expression.`,
          code: 'bpmn.form.badPattern',
          params: { ...named, pattern },
        });
      } else if (verdict === 'slow') {
        problems.push({
          ...element,
          message: `${where}: the format pattern ${JSON.stringify(pattern)} can take exponential time on some inputs (a repetition inside a repetition such as (a+)+, a repeated alternation such as (a|b)*, a back-reference or a lookaround); write it with character classes, e.g. [ab]* .`,
          code: 'bpmn.form.unsafePattern',
          params: { ...named, pattern },
        });
      } else {
        const longest = formatTextLimit(pattern);
        const limit = field.validate?.maxLength;
        if (longest < PATTERN_WARNING_BELOW && !(limit !== undefined && limit <= longest)) {
          warnings.push({
            ...element,
            message: `${where}: the format pattern ${JSON.stringify(pattern)} is slow in the worst case: values over ${longest} characters are refused as too long to check; give the field a maximum length of at most ${longest}, or rewrite the pattern.`,
            code: 'bpmn.form.patternTextLimit',
            params: { ...named, pattern, maxLength: longest },
          });
        }
      }
    }
  }
  return { problems, warnings };
}
