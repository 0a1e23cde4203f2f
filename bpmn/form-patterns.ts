import safeRegex from 'safe-regex2';
import { fieldsOf, type FormSchema } from './form-data';
import type { ModelProblem, ProcessModel } from './model';

// A form field's `validate.pattern` runs on every submission, inside the case's workflow (the
// Update's validator) and in the browser. A pattern with nested repetition such as ^(a+)+$ takes
// exponential time on a crafted value and would hold the worker; one that is not a regular
// expression at all, such as "(", cannot check anything. Both are refused at deploy, naming the
// user task, the form and the field.

export function formPatternProblems(model: ProcessModel, forms: Record<string, FormSchema>): ModelProblem[] {
  const problems: ModelProblem[] = [];
  for (const el of Object.values(model.elements)) {
    if (el.type !== 'userTask' || !el.formId) continue;
    const form = forms[el.formId];
    if (!form) continue;
    for (const field of fieldsOf(form.components)) {
      const pattern = field.validate?.pattern;
      if (!pattern) continue;
      const where = `Form "${el.formId}", field "${field.label ?? field.key}" (${field.key})`;
      // the console words the refusal from these (a form edited in the 表单 drawer is named as the owner sees it)
      const named = { formId: el.formId, field: String(field.label ?? field.key), key: String(field.key) };
      try {
        new RegExp(pattern);
      } catch (err) {
        problems.push({
          elementId: el.id,
          elementType: 'userTask',
          ...(el.name && { elementName: el.name }),
          message: `${where}: the format pattern ${JSON.stringify(pattern)} is not a valid regular expression (${(err as Error).message}).`,
          code: 'bpmn.form.badPattern',
          params: { ...named, pattern },
        });
        continue;
      }
      if (!safeRegex(pattern)) {
        problems.push({
          elementId: el.id,
          elementType: 'userTask',
          ...(el.name && { elementName: el.name }),
          message: `${where}: the format pattern ${JSON.stringify(pattern)} can take exponential time on some inputs (nested repetition such as (a+)+); write it without a repeated group inside a repetition.`,
          code: 'bpmn.form.unsafePattern',
          params: { ...named, pattern },
        });
      }
    }
  }
  return problems;
}
