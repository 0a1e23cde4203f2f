import { BpmnModdle, type ModdleWarning } from 'bpmn-moddle';
import zeebeModdle from 'zeebe-bpmn-moddle/resources/zeebe.json' with { type: 'json' };
import shouwenModdle from '../shouwen-moddle.json' with { type: 'json' };
import type { CompileContext } from './context';
import { bool, idOf, isModdleElement, label, list, withArticle, type ModdleElement } from './moddle';

const DEFINITIONS = { id: '', type: 'definitions' };

/** Diagram interchange (shapes, edges, colours) never affects execution, so its warnings are not problems. */
const DI_TYPE = /^(bpmndi|dc|di|bioc|color):/;

interface ParserPosition {
  readonly detail: string;
  readonly line?: number;
  readonly column?: number;
}

/** moddle-xml reports `…\n\tline: 2\n\tcolumn: 0\n\tnested error: closing tag mismatch` with 0-based positions. */
function parsePosition(message: string): ParserPosition {
  const line = /line: (\d+)/.exec(message)?.[1];
  const column = /column: (\d+)/.exec(message)?.[1];
  const nested = /nested error: (.*)/.exec(message)?.[1];
  return {
    detail: nested ?? message.split('\n')[0]!,
    ...(line !== undefined && { line: Number(line) + 1 }),
    ...(column !== undefined && { column: Number(column) + 1 }),
  };
}

function at(p: ParserPosition): string {
  if (p.line === undefined) return '';
  return p.column === undefined ? ` (line ${p.line})` : ` (line ${p.line}, column ${p.column})`;
}

/** Parses the XML and picks the one executable process; undefined (with problems reported) if there is none. */
export async function readProcess(ctx: CompileContext, xml: string): Promise<ModdleElement | undefined> {
  const moddle = new BpmnModdle({ zeebe: zeebeModdle, shouwen: shouwenModdle });
  let result;
  try {
    result = await moddle.fromXML(xml);
  } catch (err) {
    const p = parsePosition(err instanceof Error ? err.message : String(err));
    ctx.report(DEFINITIONS, `The file could not be read as BPMN 2.0 XML: ${p.detail}${at(p)}.`, { code: 'bpmn.xml.unreadable', params: { detail: p.detail } });
    return undefined;
  }
  for (const warning of result.warnings) reportWarning(ctx, warning, xml);

  const definitions = result.rootElement;
  if (!isModdleElement(definitions)) {
    ctx.report(DEFINITIONS, 'The file could not be read as BPMN 2.0 XML: it has no definitions.', { code: 'bpmn.xml.unreadable' });
    return undefined;
  }
  ctx.learnNames(definitions);
  return pickProcess(ctx, list(definitions, 'rootElements').filter((e) => e.$type === 'bpmn:Process'));
}

function pickProcess(ctx: CompileContext, processes: ModdleElement[]): ModdleElement | undefined {
  if (processes.length === 1) return processes[0];
  if (processes.length === 0) {
    ctx.report(DEFINITIONS, 'The file contains no process.', { code: 'bpmn.xml.noProcess' });
    return undefined;
  }
  // A collaboration may show partner pools; only the executable one is the process Shouwen runs.
  const executable = processes.filter((p) => bool(p, 'isExecutable'));
  if (executable.length === 1) return executable[0];
  const ids = (executable.length === 0 ? processes : executable).map(idOf).join(', ');
  ctx.report(
    DEFINITIONS,
    `The file contains ${processes.length} processes and ${executable.length} of them are executable (${ids}); Shouwen runs exactly one executable process per file.`,
    { code: 'bpmn.xml.manyProcesses', params: { count: processes.length, executable: executable.length, ids } },
  );
  return undefined;
}

function reportWarning(ctx: CompileContext, warning: ModdleWarning, xml: string): void {
  const el = isModdleElement(warning.element) ? warning.element : undefined;
  if (el && DI_TYPE.test(el.$type)) return;
  const unknownAttr = /^unknown attribute <(.+)>$/.exec(warning.message);
  if (el && unknownAttr) {
    ctx.report(el, `Attribute "${unknownAttr[1]}" on ${withArticle(label(el).toLowerCase())} is not part of BPMN or of Camunda 8; Shouwen would ignore it.`, {
      code: 'bpmn.attribute.unknown',
      params: { attr: unknownAttr[1] ?? '' },
    });
    return;
  }
  const unresolved = /^unresolved reference <(.+)>$/.exec(warning.message);
  if (el && unresolved) {
    const property = (warning.property ?? '').replace(/^bpmn:/, '');
    ctx.report(el, `${label(el)} refers to "${unresolved[1]}"${property ? ` (${property})` : ''}, which does not exist in this file.`, { code: 'bpmn.ref.unresolved', params: { ref: unresolved[1] ?? '' } });
    return;
  }
  const unparsable = /^unparsable content <([^>\s]+)/.exec(warning.message);
  if (unparsable) {
    const tag = unparsable[1]!;
    if (DI_TYPE.test(tag)) return;
    const p = parsePosition(warning.message);
    const local = tag.includes(':') ? tag.slice(tag.indexOf(':') + 1) : tag;
    // The whole element is dropped by the parser in these cases, so they must be fixed first.
    const badId = /^(illegal|duplicate) ID <(.*)>$/.exec(p.detail);
    if (badId) {
      const id = badId[2]!;
      ctx.report(
        { id, type: local },
        badId[1] === 'duplicate'
          ? `Id "${id}"${at(p)} is used by more than one element; every element needs its own id.`
          : `Id "${id}"${at(p)} is not allowed: an id must start with a Latin letter or "_" and contain only Latin letters, digits, "_", "-" and ".".`,
        { code: badId[1] === 'duplicate' ? 'bpmn.xml.duplicateId' : 'bpmn.xml.illegalId', params: { id, ...(p.line !== undefined && { line: p.line }) } },
      );
      return;
    }
    // The parser does not tell which element it skipped; the id on that line is the best pointer.
    const lineText = p.line === undefined ? '' : (xml.split('\n')[p.line - 1] ?? '');
    const id = /\bid="([^"]*)"/.exec(lineText)?.[1] ?? '';
    ctx.report(
      { id, type: local },
      `Element <${tag}>${at(p)} is not understood (${p.detail}); Shouwen cannot run what it cannot read.`,
      { code: 'bpmn.xml.notUnderstood', params: { tag, ...(p.line !== undefined && { line: p.line }), detail: p.detail } },
    );
    return;
  }
  const first = warning.message.split('\n')[0] ?? '';
  ctx.report(el ?? DEFINITIONS, `The BPMN file has a problem: ${first}.`, { code: 'bpmn.xml.other', params: { detail: first } });
}
