import { readdirSync, readFileSync } from 'node:fs';
import { DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import { describe, expect, inject, it } from 'vitest';

// Recorded histories of representative cases, replayed against the current workflow code in
// every run: an interpreter change that would break running cases fails here. Refresh them
// (only for intended, patched() changes) with
//   SHOUWEN_RECORD_HISTORIES=$PWD/test/replay/histories npx vitest run --project integration test/integration/engine

const DIR = new URL('../replay/histories/', import.meta.url);
const files = readdirSync(DIR).filter((f) => f.endsWith('.json')).sort();
function load(file: string): { workflowId: string; history: { events: Array<Record<string, unknown>> } } {
  const { workflowId, ...history } = JSON.parse(readFileSync(new URL(file, DIR), 'utf8')) as { workflowId: string; events: Array<Record<string, unknown>> };
  return { workflowId, history };
}

describe('replay of recorded case histories', () => {
  try {
    Runtime.install({ logger: new DefaultLogger('ERROR') });
  } catch {
    // another test file installed it
  }
  const options = () => ({ workflowBundle: { codePath: inject('workflowBundlePath') } });

  it('has the representative histories', () => {
    expect(files.length).toBeGreaterThanOrEqual(15);
  });

  it.each(files)('%s replays deterministically', async (file) => {
    const { workflowId, history } = load(file);
    await expect(Worker.runReplayHistory(options(), history, workflowId)).resolves.toBeUndefined();
  });

  it('detects a history the code would not produce (an activity the interpreter never schedules there)', async () => {
    const { workflowId, history } = load('form-data.json');
    const tampered = JSON.parse(JSON.stringify(history).replace('"name":"projectTaskOpened"', '"name":"projectSomethingElse"')) as typeof history;
    expect(JSON.stringify(tampered)).toContain('projectSomethingElse');
    await expect(Worker.runReplayHistory(options(), tampered, workflowId)).rejects.toThrow(/[Nn]ondetermin/);
  });
});
