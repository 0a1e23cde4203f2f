import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../../helpers';
import { bpmnXml, flow, startEngine, uniqueKey, userTask, type Engine } from '../../engine-harness';

// Property: any well-formed block-structured process (sequences, AND / XOR / OR blocks,
// user and script tasks, nested) runs to its end with every task on the taken paths
// completed exactly once and nothing left open.

type Block =
  | { kind: 'task' }
  | { kind: 'script' }
  | { kind: 'seq'; items: Block[] }
  | { kind: 'and'; branches: Block[] }
  | { kind: 'xor'; branches: Block[]; choice: number }
  | { kind: 'or'; branches: Block[]; chosen: boolean[] };

const blockArb: fc.Arbitrary<Block> = fc.letrec<{ block: Block }>((tie) => ({
  block: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constant<Block>({ kind: 'task' }),
    fc.constant<Block>({ kind: 'script' }),
    fc.record({ kind: fc.constant('seq' as const), items: fc.array(tie('block'), { minLength: 1, maxLength: 3 }) }),
    fc.record({ kind: fc.constant('and' as const), branches: fc.array(tie('block'), { minLength: 2, maxLength: 3 }) }),
    fc
      .array(tie('block'), { minLength: 2, maxLength: 3 })
      .chain((branches) => fc.nat({ max: branches.length - 1 }).map((choice): Block => ({ kind: 'xor', branches, choice }))),
    fc
      .array(tie('block'), { minLength: 2, maxLength: 3 })
      .chain((branches) =>
        fc.array(fc.boolean(), { minLength: branches.length, maxLength: branches.length }).map((chosen): Block => ({ kind: 'or', branches, chosen: chosen.some(Boolean) ? chosen : [true, ...chosen.slice(1)] })),
      ),
  ),
})).block;

interface Built {
  xml: string[];
  variables: Record<string, unknown>;
  /** Task element ids expected to be completed, each exactly once. */
  expected: string[];
}

/** Emits BPMN for a block between `from` and a fresh exit node; returns the exit node id. */
function emit(block: Block, from: string, out: Built, ids: { n: number }): string {
  const id = (p: string) => `${p}${++ids.n}`;
  const link = (a: string, b: string, condition?: string) => out.xml.push(flow(id('f'), a, b, condition));
  switch (block.kind) {
    case 'task': {
      const t = id('task');
      out.xml.push(userTask(t, { group: 'cs_manager' }));
      link(from, t);
      out.expected.push(t);
      return t;
    }
    case 'script': {
      const s = id('script');
      out.xml.push(`<bpmn:scriptTask id="${s}"><bpmn:extensionElements><zeebe:script expression="=${ids.n}" resultVariable="${s}"/></bpmn:extensionElements></bpmn:scriptTask>`);
      link(from, s);
      return s;
    }
    case 'seq':
      return block.items.reduce((prev, item) => emit(item, prev, out, ids), from);
    case 'and':
    case 'xor':
    case 'or': {
      const type = { and: 'parallelGateway', xor: 'exclusiveGateway', or: 'inclusiveGateway' }[block.kind];
      const split = id('split');
      const join = id('join');
      // XOR: the last branch is the default flow. OR: an extra empty default branch, taken only
      // when no condition holds (never here: at least one branch is chosen).
      const defaultFlow = block.kind === 'and' ? undefined : id('default');
      out.xml.push(`<bpmn:${type} id="${split}"${defaultFlow ? ` default="${defaultFlow}"` : ''}/>`, `<bpmn:${type} id="${join}"/>`);
      link(from, split);
      block.branches.forEach((branch, i) => {
        const taken = block.kind === 'and' || (block.kind === 'xor' ? block.choice === i : block.chosen[i]!);
        const entry = id('entry');
        // An entry script per branch keeps flows simple and gives conditions a place to sit.
        out.xml.push(`<bpmn:scriptTask id="${entry}"><bpmn:extensionElements><zeebe:script expression="=true" resultVariable="${entry}"/></bpmn:extensionElements></bpmn:scriptTask>`);
        const variable = `${split}_${i}`;
        const isDefault = block.kind === 'xor' && i === block.branches.length - 1;
        if (isDefault) out.xml.push(flow(defaultFlow!, split, entry));
        else {
          if (block.kind !== 'and') out.variables[variable] = taken;
          link(split, entry, block.kind === 'and' ? undefined : `=${variable}`);
        }
        if (!taken) {
          // Not taken: still emitted (the diagram is the same), but its tasks are not expected.
          const skipped: Built = { xml: out.xml, variables: out.variables, expected: [] };
          link(emit(branch, entry, skipped, ids), join);
        } else link(emit(branch, entry, out, ids), join);
      });
      if (block.kind === 'or') out.xml.push(flow(defaultFlow!, split, join));
      return join;
    }
  }
}

function build(key: string, block: Block): Built {
  const out: Built = { xml: ['<bpmn:startEvent id="start"/>', '<bpmn:endEvent id="end"/>'], variables: {}, expected: [] };
  const last = emit(block, 'start', out, { n: 0 });
  out.xml.push(flow('f-end', last, 'end'));
  return { ...out, xml: [bpmnXml(key, out.xml.join(''))] };
}

describe('property: block-structured processes always finish, every task exactly once', () => {
  let e: Engine;
  beforeAll(async () => {
    e = await startEngine('random');
  });
  afterAll(async () => e?.close());

  it('holds for random processes', async () => {
    await fc.assert(
      fc.asyncProperty(blockArb, async (block) => {
        const key = uniqueKey('rand');
        const built = build(key, block);
        const deployed = await e.deploy(built.xml[0]!);
        expect(deployed.statusCode, JSON.stringify(deployed.body)).toBe(201);
        const caseId = await e.start('zj.cs_agent', key, built.variables);
        const completed: string[] = [];
        for (;;) {
          const state = await e.state(caseId);
          if (state.status !== 'running') break;
          const open = await e.openTasks(caseId);
          for (const task of open) {
            const res = await e.complete('zj.cs_manager', task.id);
            expect(res.statusCode, JSON.stringify(res.body)).toBe(200);
            completed.push(task.elementId);
          }
          if (open.length === 0) await new Promise((r) => setTimeout(r, 100));
        }
        expect((await e.result(caseId)).status).toBe('completed');
        expect(completed.sort()).toEqual([...built.expected].sort());
        expect(await e.openTasks(caseId)).toEqual([]);
        const { rows } = await e.stack.db.query<{ n: string }>(`SELECT count(*)::text AS n FROM case_event WHERE case_id = $1 AND kind = 'task.completed'`, [caseId]);
        expect(Number(rows[0]!.n)).toBe(built.expected.length);
        await eventually(async () => ((await e.events(caseId)).at(-1) === 'case.ended' ? true : undefined), 5_000, 'case.ended');
      }),
      { numRuns: 20, endOnFailure: true },
    );
  }, 240_000);
});
