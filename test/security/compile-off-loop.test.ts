import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bpmnXml, flow, uniqueKey } from '../bpmn-xml';
import { eventually, login, noNameWarning, startTestApi, startTestWorker, uniqueTaskQueue, type RunningWorker, type TestStack } from '../helpers';

// Issue 11: validate and deploy compiled on the API's event loop. A 200 KB nested expression held
// it 3.9 s; eight of them made /api/health take 16 s. Now they compile in worker threads with a
// queue bound, a time limit and a memory limit, and everyone else keeps being answered.

const script = (id: string, expression: string) =>
  `<bpmn:scriptTask id="${id}" name="${id}"><bpmn:extensionElements><zeebe:script expression="${expression}" resultVariable="r"/></bpmn:extensionElements></bpmn:scriptTask>`;
const oneScript = (key: string, expression: string) =>
  bpmnXml(key, `<bpmn:startEvent id="s"/>${script('x', expression)}<bpmn:endEvent id="e"/>${flow('f1', 's', 'x')}${flow('f2', 'x', 'e')}`);
/** The issue's case: 200 KB of nested parentheses, seconds of parsing (and not valid FEEL). */
const nested = (key: string) => oneScript(key, `=${'('.repeat(100_000)}1${')'.repeat(100_000)}`);
/** Nested contexts parse slower still: about 20 KB for seconds. */
const slow = (key: string) => oneScript(key, `=${'{a:'.repeat(5_000)}1${'}'.repeat(5_000)}`);
/** Thousands of elements: tens of MB of compiler memory for under 2 MB of XML. */
const wide = (key: string, n: number) => {
  let body = '<bpmn:startEvent id="s"/>';
  let previous = 's';
  for (let i = 0; i < n; i++) {
    body += `${script(`t${i}`, '=1')}${flow(`f${i}`, previous, `t${i}`)}`;
    previous = `t${i}`;
  }
  return bpmnXml(key, `${body}<bpmn:endEvent id="e"/>${flow('fe', previous, 'e')}`);
};
const small = (key: string) => oneScript(key, '=1 + 1');

const OWNER = 'hq.process_owner';

describe('diagrams compile off the API\'s event loop', () => {
  const taskQueue = uniqueTaskQueue('compile');
  let worker: RunningWorker;
  let stack: TestStack;
  let cookie: string;
  const validate = (s: TestStack, xml: string) => s.app.inject({ method: 'POST', url: '/api/processes/validate', headers: { cookie }, payload: { xml, changeNote: '测试部署' } });
  const deploy = (s: TestStack, xml: string) => s.app.inject({ method: 'POST', url: '/api/processes', headers: { cookie }, payload: { xml, changeNote: '测试部署' } });

  beforeAll(async () => {
    worker = await startTestWorker(taskQueue);
    // A generous time limit: on a loaded machine the eight must still finish, not time out.
    stack = await startTestApi(taskQueue, undefined, { compile: { size: 2, queueLimit: 8, timeoutMs: 120_000 } });
    cookie = await login(stack.app, OWNER);
  });
  afterAll(async () => {
    await stack?.close();
    await worker?.stop();
  });

  it('answers /api/health while eight hostile validations compile, before any of them is done', async () => {
    await eventually(async () => ((await stack.app.inject({ method: 'GET', url: '/api/health' })).statusCode === 200 ? true : undefined), 30_000, 'a healthy API');
    const order: string[] = [];
    const validations = Array.from({ length: 8 }, (_, i) =>
      validate(stack, nested(uniqueKey(`nested${i}`))).then((res) => {
        order.push(`validate ${i}`);
        return res;
      }),
    );
    // Both threads have a diagram: compiling is under way, the other six wait their turn.
    await eventually(async () => (stack.app.compiler.stats().running === 2 ? true : undefined), 60_000, 'two compilations running');
    const health = await stack.app.inject({ method: 'GET', url: '/api/health' });
    order.push('health');
    expect(health.statusCode).toBe(200);
    expect(health.json()).toEqual(expect.objectContaining({ status: 'ok' }));

    const results = await Promise.all(validations);
    expect(order[0]).toBe('health');
    expect(order).toHaveLength(9);
    for (const res of results) {
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ ok: false, problems: [expect.objectContaining({ elementId: 'x', code: 'bpmn.feel.syntax', message: expect.stringMatching(/^「x」：FEEL 表达式无法解析：/) })], warnings: [] });
    }
  });

  describe('with a short time limit and one thread', () => {
    let tight: TestStack;
    beforeAll(async () => {
      tight = await startTestApi(taskQueue, undefined, { compile: { size: 1, queueLimit: 1, timeoutMs: 1_000 } });
    });
    afterAll(async () => tight?.close());

    const timeoutProblem = expect.objectContaining({
      status: 422,
      code: 'compile.timeout',
      limitMs: 1_000,
      detail: '流程图编译超过 1 秒的时限，已中止。通常是表达式过长或嵌套过深所致，请简化后再试。',
      // Its field problem in Chinese too, by the same code (it was the server's English).
      errors: [{ path: 'body.xml', code: 'compile.timeout', params: { seconds: 1 }, message: '流程图编译超过 1 秒的时限，已中止。通常是表达式过长或嵌套过深所致，请简化后再试。' }],
    });

    it('stops a validation or deployment past the limit with compile.timeout; the next one is compiled', async () => {
      const checked = await validate(tight, slow(uniqueKey('slow')));
      expect(checked.statusCode).toBe(422);
      expect(checked.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(checked.json()).toEqual(timeoutProblem);

      const key = uniqueKey('slow');
      const deployed = await deploy(tight, slow(key));
      expect(deployed.statusCode).toBe(422);
      expect(deployed.json()).toEqual(timeoutProblem);
      expect((await tight.app.inject({ method: 'GET', url: `/api/processes/${key}/versions`, headers: { cookie } })).json()).toEqual({ items: [] });

      const fineKey = uniqueKey('small');
      const fine = await validate(tight, small(fineKey));
      expect(fine.statusCode).toBe(200);
      expect(fine.json()).toEqual({ ok: true, problems: [], warnings: [noNameWarning(fineKey)] });
      const smallKey = uniqueKey('small');
      const deployedSmall = await deploy(tight, small(smallKey));
      expect(deployedSmall.statusCode).toBe(201);
      expect(deployedSmall.json()).toEqual(expect.objectContaining({ created: true, process: expect.objectContaining({ key: smallKey, version: 1 }) }));
    });

    it('refuses a compilation beyond the running one and the queue with compile.busy and Retry-After', async () => {
      const results = await Promise.all([0, 1, 2].map((i) => validate(tight, slow(uniqueKey(`busy${i}`)))));
      const busy = results.filter((r) => r.statusCode === 503);
      expect(busy).toHaveLength(1);
      expect(busy[0]!.headers['retry-after']).toBe('1');
      expect(busy[0]!.json()).toEqual(expect.objectContaining({ status: 503, code: 'compile.busy', detail: '正在编译的流程图太多，请稍后重试。' }));
      // The one running and the one that waited were both compiled (and stopped at the limit).
      expect(results.filter((r) => r.statusCode === 422).map((r) => r.json())).toEqual([timeoutProblem, timeoutProblem]);
    });
  });

  it('stops a compilation past the memory limit with compile.tooLarge; the thread is replaced', async () => {
    const lean = await startTestApi(taskQueue, undefined, { compile: { size: 1, queueLimit: 1, timeoutMs: 120_000, maxMemoryMb: 24 } });
    try {
      const xml = wide(uniqueKey('wide'), 8_000);
      expect(xml.length).toBeLessThan(2_000_000);
      const res = await validate(lean, xml);
      expect(res.statusCode).toBe(422);
      expect(res.json()).toEqual(
        expect.objectContaining({ code: 'compile.tooLarge', limitMb: 24, errors: [{ path: 'body.xml', code: 'compile.tooLarge', params: { megabytes: 24 }, message: '流程图编译所需内存超过 24 MB 的上限，已中止。流程图或其中的表达式过大。' }] }),
      );
      const fineKey = uniqueKey('small');
      const fine = await validate(lean, small(fineKey));
      expect(fine.json()).toEqual({ ok: true, problems: [], warnings: [noNameWarning(fineKey)] });
    } finally {
      await lean.close();
    }
  });
});
