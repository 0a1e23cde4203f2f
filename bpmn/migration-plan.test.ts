import { describe, expect, it } from 'vitest';
import { checkCaseMigration, planMigration, waitKind } from './migration-plan';
import type { ProcessModel } from './model';

const el = (id: string, type: string, extra: Record<string, unknown> = {}) => ({ id, name: `名称${id}`, type, incoming: ['in'], outgoing: ['out'], ...extra });
const model = (...elements: Array<ReturnType<typeof el>>): ProcessModel => ({ key: 'p', elements: Object.fromEntries(elements.map((e) => [e.id, e])) }) as unknown as ProcessModel;

const task = (id: string, extra = {}) => el(id, 'userTask', { outcomes: ['complete'], separationOfDuties: false, ...extra });
const timer = (id: string) => el(id, 'intermediateCatchEvent', { trigger: { kind: 'timer', timer: { kind: 'duration', iso: 'P1D' } } });
const message = (id: string) => el(id, 'intermediateCatchEvent', { trigger: { kind: 'message', messageName: 'm' } });

describe('planMigration', () => {
  it('maps each active element to the same id unless the mapping says otherwise', () => {
    const source = model(task('a'), timer('t'));
    const target = model(task('a'), task('b'), timer('t2'));
    expect(planMigration(source, target, ['a', 't', 'a'], { t: 't2' })).toEqual({ ok: true, moves: [{ from: 'a', to: 'a' }, { from: 't', to: 't2' }] });
  });

  it('names every element it cannot place, by name, with a code per reason', () => {
    const source = model(task('a'), timer('t'), message('m'), el('svc', 'serviceTask'), task('multi', { multiInstance: { inputCollection: 'xs', completion: { kind: 'all' } } }));
    const target = model(message('t'), task('m2'));
    const plan = planMigration(source, target, ['a', 't', 'm', 'svc', 'multi', 'ghost'], { m: 'm2', a: 'nowhere' });
    expect(plan.ok).toBe(false);
    if (plan.ok) return;
    expect(plan.problems.map((p) => [p.elementId, p.code])).toEqual([
      ['a', 'migration.targetMissing'],
      ['t', 'migration.typeMismatch'],
      ['m', 'migration.typeMismatch'],
      ['svc', 'migration.notMigratable'],
      ['multi', 'migration.notMigratable'],
      ['ghost', 'migration.sourceMissing'],
    ]);
    expect(plan.problems[0]!.params).toEqual({ element: '名称a', target: 'nowhere', kind: 'task' });
  });

  it('an element without a same-id counterpart and no mapping is unmapped', () => {
    const plan = planMigration(model(task('a')), model(task('b')), ['a']);
    expect(plan).toMatchObject({ ok: false, problems: [{ code: 'migration.unmapped', params: { element: '名称a', kind: 'task' } }] });
  });

  it('only process-level waits can move: an element inside a sub-process cannot', () => {
    expect(waitKind(task('a', { parentId: 'sub' }) as never)).toBeNull();
    expect(waitKind(el('j', 'parallelGateway', { incoming: ['x', 'y'] }) as never)).toBe('join');
    expect(waitKind(el('fork', 'parallelGateway') as never)).toBeNull();
  });
});

describe('checkCaseMigration', () => {
  const v1 = model(task('a'));
  const v2 = model(task('b'));
  const running = { status: 'running', processVersion: 1, quiescent: true, activeElements: ['a'] };

  it('refuses a case that is not running, already there, or between steps', () => {
    const code = (p: ReturnType<typeof checkCaseMigration>) => (p.ok ? 'ok' : p.problems[0]!.code);
    expect(code(checkCaseMigration({ ...running, status: 'completed' }, v1, v2, 2, { a: 'b' }))).toBe('migration.notRunning');
    expect(code(checkCaseMigration(running, v1, v1, 1))).toBe('migration.sameVersion');
    expect(code(checkCaseMigration({ ...running, quiescent: false }, v1, v2, 2, { a: 'b' }))).toBe('migration.caseBusy');
    expect(checkCaseMigration(running, v1, v2, 2, { a: 'b' })).toEqual({ ok: true, moves: [{ from: 'a', to: 'b' }], undo: false });
  });

  it('goes back only to undo the last move, with its moves reversed', () => {
    const onTwo = { ...running, processVersion: 2, activeElements: ['b'] };
    expect(checkCaseMigration(onTwo, v2, v1, 1)).toMatchObject({ ok: false, problems: [{ code: 'migration.backwards' }] });
    expect(checkCaseMigration({ ...onTwo, undoable: { fromVersion: 1, moves: [{ from: 'a', to: 'b' }] } }, v2, v1, 1)).toEqual({ ok: true, moves: [{ from: 'b', to: 'a' }], undo: true });
    // Undo to a version other than the one it came from is not an undo.
    expect(checkCaseMigration({ ...onTwo, processVersion: 3, undoable: { fromVersion: 2, moves: [] } }, v2, v1, 1)).toMatchObject({ ok: false, problems: [{ code: 'migration.backwards' }] });
  });
});
