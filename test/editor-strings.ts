// Every English template the process editor's packages pass to bpmn-js's `translate` service, read
// from the installed sources so an upgrade that adds a string is caught by
// test/editor-translations.test.ts. Run as a script to list the templates the zh-CN dictionary lacks:
//   npx tsx test/editor-strings.ts
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const MODULES = join(ROOT, 'node_modules');

/** The code the editor chunk loads (BpmnEditor.tsx): the Modeler with its libraries and the Camunda 8 properties panel. */
export const EDITOR_SOURCES = [
  // Shouwen's own additions (supportedOnly.ts: the palette's user and service task)
  '../web/src/pages/Processes/Editor',
  'bpmn-js/lib',
  'diagram-js/lib',
  'diagram-js-direct-editing/lib',
  'camunda-bpmn-js-behaviors/lib',
  'bpmn-js-properties-panel/dist/index.esm.js',
  '@bpmn-io/properties-panel/dist/index.esm.js',
];

/**
 * `translate(x)` calls whose argument is not a literal, and where their strings come from instead.
 * A new dynamic call in an upgrade is reported as unresolved until it is understood and listed here.
 */
const DYNAMIC_CALLS: Readonly<Record<string, string>> = {
  // the replace menu translates the labels of PopupEntries.js and ReplaceOptions.js (collected below)
  'bpmn-js/lib/features/popup-menu/ReplaceMenuProvider.js: label': 'replace options',
  // diagram-js's own service, the identity the dictionary replaces
  'diagram-js/lib/i18n/translate/translate.js: template': 'the service itself',
  // element templates name themselves; Shouwen ships none
  'bpmn-js-properties-panel/dist/index.esm.js: template.name': 'element templates',
  // the header's element kind, built from getConcreteType (collected from iconsByType below)
  // the listener type options translate IMPLEMENTATION_TYPE_TO_LABEL's values, met as `translate(MAP[k])` too
  'bpmn-js-properties-panel/dist/index.esm.js: label': 'listener types',
  "bpmn-js-properties-panel/dist/index.esm.js: concreteType.replace(/(\\B[A-Z])/g, ' $1').replace(/(\\bNon Interrupting)/g, '($1)')": 'type labels',
};

/** Loop variables that run over a constant array in the same file. */
const LOOP_VARIABLES: Readonly<Record<string, string>> = {
  'bpmn-js/lib/features/align-elements/AlignElementsMenuProvider.js: alignment': 'ALIGNMENT_OPTIONS',
};

export interface EditorStrings {
  /** Every template, once. */
  templates: Set<string>;
  /** `file: expression` of dynamic calls not in DYNAMIC_CALLS. */
  unresolved: string[];
}

const isTranslateCallee = (callee: ts.Expression) => {
  const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : '';
  return name === 'translate' || name === '_translate';
};

function filesOf(path: string): string[] {
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path).flatMap((name) => {
    const child = join(path, name);
    if (statSync(child).isDirectory()) return name === 'test' ? [] : filesOf(child);
    return /\.js$/.test(name) || (/\.tsx?$/.test(name) && !/\.(test|d)\.tsx?$/.test(name)) ? [child] : [];
  });
}

function scan(file: string, out: EditorStrings) {
  const text = readFileSync(file, 'utf8');
  const where = relative(MODULES, file);
  if (!text.includes('translate') && !where.endsWith('PopupEntries.js')) return;
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, /\.tsx$/.test(file) ? ts.ScriptKind.TSX : /\.ts$/.test(file) ? ts.ScriptKind.TS : ts.ScriptKind.JS);
  // top-level `const X = 'text'` and `const MAP = { a: 'text' }`, for `translate(X)` and `translate(MAP[k])`
  const constants = new Map<string, ts.Expression>();
  const collectConstants = (node: ts.Node) => {
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer) constants.set(node.name.text, node.initializer);
    ts.forEachChild(node, collectConstants);
  };
  collectConstants(source);

  /** The strings an expression can be, or null when it is not made of literals. */
  const resolve = (e: ts.Expression, depth = 0): string[] | null => {
    if (depth > 4) return null;
    if (ts.isParenthesizedExpression(e)) return resolve(e.expression, depth);
    if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) return [e.text];
    if (ts.isConditionalExpression(e)) {
      const a = resolve(e.whenTrue, depth + 1);
      const b = resolve(e.whenFalse, depth + 1);
      return a && b ? [...a, ...b] : null;
    }
    if (ts.isTemplateExpression(e)) {
      let acc = [e.head.text];
      for (const span of e.templateSpans) {
        const parts = resolve(span.expression, depth + 1);
        if (!parts) return null;
        acc = acc.flatMap((prefix) => parts.map((p) => prefix + p + span.literal.text));
      }
      return acc;
    }
    if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.PlusToken) {
      const a = resolve(e.left, depth + 1);
      const b = resolve(e.right, depth + 1);
      return a && b ? a.flatMap((x) => b.map((y) => x + y)) : null;
    }
    if (ts.isArrayLiteralExpression(e)) {
      const items = e.elements.map((x) => resolve(x, depth + 1));
      return items.every(Boolean) ? items.flatMap((v) => v!) : null;
    }
    if (ts.isIdentifier(e)) {
      const init = constants.get(LOOP_VARIABLES[`${where}: ${e.text}`] ?? e.text);
      return init ? resolve(init, depth + 1) : null;
    }
    if (ts.isElementAccessExpression(e) && ts.isIdentifier(e.expression)) {
      const init = constants.get(e.expression.text);
      if (!init || !ts.isObjectLiteralExpression(init)) return null;
      const values = init.properties.map((p) => (ts.isPropertyAssignment(p) ? resolve(p.initializer, depth + 1) : null));
      return values.every(Boolean) ? values.flatMap((v) => v!) : null;
    }
    return null;
  };

  const visit = (node: ts.Node) => {
    if (ts.isCallExpression(node) && isTranslateCallee(node.expression) && node.arguments.length) {
      const arg = node.arguments[0]!;
      // diagram-js's SVG `translate(gfx, x, y)` shares the name: positions, not words
      const isSvgMove = node.arguments.length >= 3 && !ts.isStringLiteralLike(arg);
      if (!isSvgMove) {
        const strings = resolve(arg);
        if (strings) for (const s of strings) out.templates.add(s);
        else if (!(`${where}: ${arg.getText(source)}` in DYNAMIC_CALLS) && looksLikeWords(arg, source)) out.unresolved.push(`${where}: ${arg.getText(source)}`);
      }
    }
    // the replace menu's catalog: `label: 'User task'` or `label: function (el) { return … ? 'A' : 'B'; }`
    if (/features\/(replace\/ReplaceOptions|popup-menu\/PopupEntries)\.js$/.test(where) && ts.isPropertyAssignment(node) && node.name.getText(source) === 'label') {
      const grab = (n: ts.Node) => {
        if (ts.isStringLiteralLike(n)) out.templates.add(n.text);
        ts.forEachChild(n, grab);
      };
      grab(node.initializer);
    }
    // the properties panel header: every concrete element type has an icon; the label is the type in words
    if (ts.isVariableDeclaration(node) && node.name.getText(source) === 'iconsByType' && node.initializer && ts.isObjectLiteralExpression(node.initializer)) {
      for (const p of node.initializer.properties) {
        const type = p.name && (ts.isStringLiteral(p.name) || ts.isIdentifier(p.name)) ? p.name.text : null;
        if (type) out.templates.add(typeLabel(type));
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
}

// `translate(gfx)`-like calls on SVG nodes carry no words; anything else unknown is reported.
const looksLikeWords = (arg: ts.Expression, source: ts.SourceFile) => !/^(gfx|dragger|dragGroup|groupGfx|bendpoint|markerRect|floating|draggerVisual|draggerGfx|crosshairGroup|context\.\w+|-?[\w.]+\.x|delta\.dx)$/.test(arg.getText(source));

/** The properties panel header's wording of a concrete type (`TimerBoundaryEventNonInterrupting` → `Timer Boundary Event (Non Interrupting)`). */
export const typeLabel = (concreteType: string) => concreteType.replace(/(\B[A-Z])/g, ' $1').replace(/(\bNon Interrupting)/g, '($1)');

/**
 * Kinds getConcreteType produces that have no icon entry: the root of a collaboration, flows, data and
 * artifacts (bpmn-js-properties-panel's PanelHeaderProvider shows them as "Collaboration", "Sequence Flow" …).
 */
const ICONLESS_TYPES = ['Collaboration', 'SequenceFlow', 'DefaultFlow', 'ConditionalFlow', 'Association', 'DataObjectReference', 'DataStoreReference', 'DataInput', 'DataOutput', 'Group', 'EventSubProcess', 'AdHocSubProcess', 'SubProcess'];

export function editorStrings(): EditorStrings {
  const out: EditorStrings = { templates: new Set(), unresolved: [] };
  for (const src of EDITOR_SOURCES) for (const file of filesOf(join(MODULES, src))) scan(file, out);
  for (const type of ICONLESS_TYPES) out.templates.add(typeLabel(type));
  return out;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  void import('../web/src/pages/Processes/Editor/editorTranslations.zh').then(({ ZH_EDITOR }) => {
    const { templates, unresolved } = editorStrings();
    const missing = [...templates].filter((t) => !(t in ZH_EDITOR)).sort();
    console.log(JSON.stringify({ templates: templates.size, missing, unresolved }, null, 2));
  });
}
