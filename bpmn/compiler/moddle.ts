// bpmn-moddle hands back untyped object graphs; these accessors give the compiler a narrow,
// checked view of them instead of sprinkling `any` through the mapping code.

export interface ModdleElement {
  readonly $type: string;
  readonly $attrs?: Record<string, unknown>;
  readonly $parent?: ModdleElement;
  readonly [key: string]: unknown;
}

export function isModdleElement(value: unknown): value is ModdleElement {
  return typeof value === 'object' && value !== null && typeof (value as { $type?: unknown }).$type === 'string';
}

export function str(el: ModdleElement | undefined, key: string): string | undefined {
  const v = el?.[key];
  return typeof v === 'string' ? v : undefined;
}

export function num(el: ModdleElement | undefined, key: string): number | undefined {
  const v = el?.[key];
  return typeof v === 'number' ? v : undefined;
}

export function bool(el: ModdleElement | undefined, key: string): boolean | undefined {
  const v = el?.[key];
  return typeof v === 'boolean' ? v : undefined;
}

export function ref(el: ModdleElement | undefined, key: string): ModdleElement | undefined {
  const v = el?.[key];
  return isModdleElement(v) ? v : undefined;
}

export function list(el: ModdleElement | undefined, key: string): ModdleElement[] {
  const v = el?.[key];
  return Array.isArray(v) ? v.filter(isModdleElement) : [];
}

/** An element's name as people read it (line breaks of a diagram label as spaces), or undefined when it has none. */
export function nameOf(el: ModdleElement): string | undefined {
  return str(el, 'name')?.replace(/\s+/g, ' ').trim() || undefined;
}

/** Every named element under `root` (references followed once), id → name: for naming problems found on the mapped graph. */
export function namesById(root: ModdleElement): Map<string, string> {
  const names = new Map<string, string>();
  const seen = new Set<ModdleElement>();
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(visit);
    if (!isModdleElement(value) || seen.has(value)) return;
    seen.add(value);
    const id = str(value, 'id');
    const name = nameOf(value);
    if (id && name && !names.has(id)) names.set(id, name);
    for (const [key, child] of Object.entries(value)) if (!key.startsWith('$')) visit(child);
  };
  visit(root);
  return names;
}

export function idOf(el: ModdleElement): string {
  return str(el, 'id') ?? '';
}

/** `bpmn:UserTask` → `userTask`: the vocabulary of ModelProblem.elementType and ProcessElement.type. */
export function typeName(el: ModdleElement | string): string {
  const t = typeof el === 'string' ? el : el.$type;
  const local = t.includes(':') ? t.slice(t.indexOf(':') + 1) : t;
  return local.charAt(0).toLowerCase() + local.slice(1);
}

/** `bpmn:UserTask` → `User task`, for messages a process owner reads. */
export function label(el: ModdleElement | string): string {
  const words = typeName(el).replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase().replace('sub process', 'sub-process');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** `User task "受理投诉"`, `User task`: how messages name an element (by its name, never its id; `elementId` carries that). */
export function describe(el: ModdleElement): string {
  const name = nameOf(el);
  return name ? `${label(el)} "${name}"` : label(el);
}

/** `a user task`, `an error`: the indefinite article for messages. */
export function withArticle(noun: string): string {
  return `${/^(?:[aeio]|u(?!s))/i.test(noun) ? 'an' : 'a'} ${noun}`;
}

/** The zeebe:/shouwen: extension element of the given type, e.g. `zeebe:TaskDefinition`. */
export function extension(el: ModdleElement | undefined, type: string): ModdleElement | undefined {
  return extensions(el).find((e) => e.$type === type);
}

export function extensions(el: ModdleElement | undefined): ModdleElement[] {
  return list(ref(el, 'extensionElements'), 'values');
}

/** Body of a bpmn:FormalExpression child such as conditionExpression or timeDuration. */
export function expressionBody(el: ModdleElement | undefined, key: string): string | undefined {
  const body = str(ref(el, key), 'body');
  return body === undefined || body.trim() === '' ? undefined : body.trim();
}
