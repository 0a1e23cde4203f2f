import type { ModelProblemMessageKey } from './model-problem-messages.zh';

// How a model problem of the BPMN or DMN compiler (bpmn/model.ts ModelProblem: `code`, `params`,
// `elementType`) becomes words: the one lookup the console's editors (web/src/lib/problems.ts), the
// API's refusals and check results (server/http/problem-language.ts) and the CLI's `validate` /
// `deploy` lines share. No catalog is imported here (the console's inbox route must not carry the
// model catalog, see web/inbox-route-budget.test.ts): a translator `t` supplies the words in the
// caller's language and `has` says which keys it has.

/** A compiler problem as the contract carries it (bpmn/model.ts `ModelProblem`). */
export interface ModelProblemLike {
  /** For the editors to select the element; never in the words people read. */
  elementId: string;
  elementType: string;
  /** The element's name in the diagram, when it has one: the words name the element by it. */
  elementName?: string | undefined;
  message: string;
  code?: string | undefined;
  params?: Record<string, string | number> | undefined;
  elementIds?: string[] | undefined;
  /** The elements of `elementIds` as the words name them (a loop's path). */
  pathElements?: ReadonlyArray<{ elementId: string; elementType: string; elementName?: string | undefined }> | undefined;
}

/** Says a catalog key in the caller's language, filling its `{placeholders}`. */
export type ModelProblemTranslate = (key: ModelProblemMessageKey, vars?: Record<string, string | number>) => string;
/** Whether the caller has words for a key (the console's catalog loads in parts, see web/src/i18n/catalog.ts). */
export type ModelKeyCheck = (key: string) => boolean;

/** The key of the loop warning's words (a warning of the graph check, not a `bpmn.*` problem). */
export const LOOP_WARNING_KEY = 'editor.warning.loopNoWaitState' satisfies ModelProblemMessageKey;

/** `bpmn:userTask` → 人工任务; a type without words is an 元素 (element). */
export const elementTypeLabel = (elementType: string, t: ModelProblemTranslate, has: ModelKeyCheck): string => {
  const key = `bpmnType.${elementType.replace(/^bpmn:/, '')}`;
  return t(has(key) ? (key as ModelProblemMessageKey) : 'bpmnType.other');
};

/**
 * A compiler warning the words know by `code` (the loop's path, closed on its first element: its
 * elements by name, else by kind, from `pathElements`; by id from `elementIds` only when the
 * compiler gave no more), or undefined.
 */
export function wordWarning(w: ModelProblemLike, t: ModelProblemTranslate, has: ModelKeyCheck): string | undefined {
  if (w.code !== 'loop.noWaitState') return undefined;
  const path = w.pathElements?.length ? w.pathElements.map((e) => modelElementLabel({ ...e, message: '' }, t, has) ?? '') : w.elementIds;
  return path?.length ? t(LOOP_WARNING_KEY, { path: [...path, path[0]].join(' → ') }) : undefined;
}

/** The catalog key of a compiler problem `code` (`bpmn.gateway.noDefault`, `dmn.feel.syntax` → `bpmn.dmn.feel.syntax`, `feel.overBudget` → `bpmn.feel.overBudget`). */
export const modelProblemKey = (code: string): string => `bpmn.${code.replace(/^bpmn\./, '')}`;

/**
 * A compiler problem in `t`'s language when its `code` is known, with the element's kind in words
 * (此人工任务 …) and the parameters that are themselves codes in words too; the compiler's own
 * (English) message otherwise. The element itself is named beside the sentence, by its name (see
 * `modelElementLabel`; the editors show it under the sentence, `atModelElement` puts it before the
 * sentence for the API and the CLI); a flow parameter is worded by its name, else by where it
 * leads (`flowLabel`), when the compiler says so (`flowTargetType`); other parameters naming an
 * element carry its name, else its id, as the compiler found them.
 */
export function wordModelProblem(p: ModelProblemLike, t: ModelProblemTranslate, has: ModelKeyCheck): string {
  const key = p.code ? modelProblemKey(p.code) : undefined;
  if (!key || !has(key)) return (p.code === 'loop.noWaitState' && wordWarning(p, t, has)) || p.message;
  return t(key as ModelProblemMessageKey, { ...p.params, ...wordedParams(p.params, t, has), element: elementTypeLabel(p.elementType || 'other', t, has) });
}

/**
 * The element a problem is about as people know it: its name (「客服经理审批」), else its kind
 * (未命名的人工任务), never its id; undefined when the problem is about the whole file.
 */
export function modelElementLabel(p: ModelProblemLike, t: ModelProblemTranslate, has: ModelKeyCheck): string | undefined {
  if (p.elementName) return t('modelElement.named', { name: p.elementName });
  if (!p.elementId) return undefined;
  return t('modelElement.unnamed', { type: elementTypeLabel(p.elementType || 'other', t, has) });
}

/** `message` after the element it is about (「客服经理审批」：…), for words read without the diagram beside (the API's, the CLI's). */
export function atModelElement(p: ModelProblemLike, message: string, t: ModelProblemTranslate, has: ModelKeyCheck): string {
  const element = modelElementLabel(p, t, has);
  return element ? t('modelProblem.atElement', { element, message }) : message;
}

/** A flow by its name (连线“批准”), else by where it leads (通往「结束」的连线, 通往未命名的结束事件的连线): never by its id. */
function flowLabel(params: NonNullable<ModelProblemLike['params']>, t: ModelProblemTranslate, has: ModelKeyCheck): string {
  if (params.flowName !== undefined) return t('modelFlow.named', { name: params.flowName });
  const target = { elementId: '-', elementType: String(params.flowTargetType), message: '', ...(params.flowTargetName !== undefined && { elementName: String(params.flowTargetName) }) };
  return t('modelFlow.unnamed', { target: modelElementLabel(target, t, has) ?? '' });
}

/** Parameters that name an element type (`hostType: userTask`); `taskType` is a service task's job type (`fax`), said as written. */
const ELEMENT_TYPE_PARAMS = new Set(['hostType', 'sourceType', 'targetType']);

/**
 * Parameters that are themselves codes, in words: element types (`hostType: userTask` → 人工任务),
 * event triggers (`trigger: timer` → 定时器) and where a FEEL expression sits (`place` → `where`, with
 * the mapping's `target`, or a decision table's `rule` number and `column` label).
 */
function wordedParams(params: ModelProblemLike['params'], t: ModelProblemTranslate, has: ModelKeyCheck): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(params ?? {})) {
    if (typeof value !== 'string') continue;
    if (ELEMENT_TYPE_PARAMS.has(name)) out[name] = elementTypeLabel(value, t, has);
    else if (name === 'flow' && typeof params?.flowTargetType === 'string') out.flow = flowLabel(params, t, has);
    else if (name === 'trigger' && has(`bpmnTrigger.${value}`)) out[name] = t(`bpmnTrigger.${value}` as ModelProblemMessageKey);
    else if (name === 'place' && has(`feelPlace.${value}`)) {
      out.where = t(`feelPlace.${value}` as ModelProblemMessageKey, { target: String(params?.target ?? ''), rule: params?.rule ?? '', column: String(params?.column ?? '') });
    }
  }
  return out;
}
