import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { parseVariable } from './commands/start';
import { conflict, unprocessable } from '../../server/http/problem';
import { setLang } from './lang';
import { replayFailedLines } from './commands/replay';
import { displayWidth, httpProblemLines, problemLines, shortTime, table } from './output';
import { main } from './run';
import { runCli } from './spawn-cli';

// Each case starts a real `node bin/shouwen.js` (tsx included): about a second apiece.
const SLOW = 30_000;
// Nothing listens on port 1, so connecting fails at once instead of timing out.
const NO_DATABASE = 'postgres://postgres:postgres@127.0.0.1:1/postgres?sslmode=disable';

/** The English the assertions below read (SHOUWEN_LANG=en); the CLI's default is Chinese, checked in its own tests. */
const EN = { SHOUWEN_LANG: 'en' };

/** main() in this process with its output captured: for the many cases that fail before any work. In English unless `lang` is 'default'. */
async function runInProcess(args: string[], env: Record<string, string> = {}, lang: 'en' | 'default' = 'en') {
  let stdout = '';
  let stderr = '';
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((stdout += String(chunk)), true));
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((stderr += String(chunk)), true));
  try {
    const code = await main(args, lang === 'en' ? { ...EN, ...env } : env);
    return { code, stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

describe('shouwen CLI (offline)', () => {
  let tmp: string;
  beforeAll(async () => {
    tmp = await mkdtemp(join(tmpdir(), 'shouwen-cli-'));
  });
  afterAll(async () => rm(tmp, { recursive: true, force: true }));

  it('prints usage for help and no arguments (exit 0) and for an unknown command (exit 2)', { timeout: SLOW }, async () => {
    const [help, none, unknown] = await Promise.all([runCli(['help'], EN), runCli([], EN), runCli(['frobnicate'], EN)]);
    expect(help.code).toBe(0);
    for (const command of ['validate', 'decide', 'deploy', 'start', 'tasks', 'complete', 'replay', 'help']) expect(help.stdout).toContain(`  ${command}`);
    expect(none).toMatchObject({ code: 0, stdout: help.stdout });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^Unknown command "frobnicate"/);
    expect(unknown.stderr).toContain('Usage: shouwen');
  });

  it('validate checks a DMN file; decide evaluates it offline and prints the result and the matched rules as JSON', async () => {
    const file = 'bpmn/decisions/credit-grading.dmn';
    const valid = await runInProcess(['validate', file]);
    expect(valid).toMatchObject({ code: 0, stdout: `${file}: valid (credit-grading-rules, 1 decision)\n` });
    const decided = await runInProcess(['decide', file, '--input', '{"overdueDays": 10, "paymentRate": 0.96, "annualSales": 3000000}']);
    expect(decided.code).toBe(0);
    const out = JSON.parse(decided.stdout);
    expect(out.result).toEqual({ creditGrade: 'AA', creditLimit: 1000000 });
    expect(out.evaluated[0].matchedRules).toEqual([{ id: 'rule_good', index: 2, description: '偶有短期逾期' }]);
    expect((await runInProcess(['decide', file, '--decision', 'nope'])).stderr).toContain('has no decision "nope" (it has creditGrade)');
    expect((await runInProcess(['decide', file, '--input', '[1]'])).code).toBe(2);
    const broken = join(tmp, 'broken.dmn');
    await writeFile(broken, (await readFile(file, 'utf8')).replace('<text>&lt;= 15</text>', '<text>&lt;= </text>'));
    const refused = await runInProcess(['validate', broken]);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toMatch(/broken\.dmn: “信用等级与额度”: FEEL does not parse: "<=" \(rule 2, input 最长逾期天数/);
  });

  it('decide words an evaluation refusal by its code in Chinese by default, in English on request', async () => {
    const unique = join(tmp, 'unique.dmn');
    await writeFile(unique, (await readFile('bpmn/decisions/credit-grading.dmn', 'utf8')).replace('hitPolicy="FIRST"', 'hitPolicy="UNIQUE"'));
    const input = ['--input', '{"overdueDays": 10, "paymentRate": 0.96, "annualSales": 3000000}'];
    const zh = await runInProcess(['decide', unique, ...input], {}, 'default');
    expect(zh.code).toBe(1);
    expect(zh.stderr).toMatch(/unique\.dmn：决策“信用等级与额度”（命中策略 UNIQUE）同时命中了第 \d+(, \d+)+ 条规则；只能命中一条。\n$/);
    const en = await runInProcess(['decide', unique, ...input]);
    expect(en.code).toBe(1);
    expect(en.stderr).toMatch(/unique\.dmn: Decision "信用等级与额度" \(hit policy UNIQUE\) matched 4 rules/);
  });

  it('validate: a valid diagram → exit 0 with its key and size', { timeout: SLOW }, async () => {
    const r = await runCli(['validate', 'bpmn/processes/demo-approval.bpmn'], EN);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toBe('bpmn/processes/demo-approval.bpmn: valid (demo-approval, 5 elements)\n');
  });

  it('validate: a process without a name → valid, with the warning deploy gives (checked as deploy checks)', { timeout: SLOW }, async () => {
    const file = join(tmp, 'unnamed.bpmn');
    await writeFile(file, (await readFile('bpmn/processes/demo-approval.bpmn', 'utf8')).replace(/(<bpmn:process id="demo-approval")[^>]*?name="[^"]*"/, '$1'));
    const r = await runCli(['validate', file], EN);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toBe(`${file}: warning: The process has no name: lists, cases and reports show it as “Unnamed process (demo-approval)”. Name it in the process properties.\n${file}: valid (demo-approval, 5 elements)\n`);
  });

  it('validate: a broken diagram → exit 1, one `file: element: message` line per problem, the element by its name or kind, never its id', { timeout: SLOW }, async () => {
    const file = 'bpmn/fixtures/invalid/service-task-type.bpmn';
    const r = await runCli(['validate', file], EN);
    expect(r.code).toBe(1);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines.length).toBeGreaterThanOrEqual(2);
    for (const line of lines) expect(line).toMatch(new RegExp(`^${file.replaceAll('.', '\\.')}: \\S`));
    for (const line of lines) expect(line).not.toMatch(/untyped|unknownType/);
    expect(lines).toContain(`${file}: Unnamed service task: Service task has no task type: Shouwen would not know which automated step to run.`);
    // A type Shouwen does not ship is a job for a team's own worker: a warning, not a refusal.
    expect(lines).toContain(`${file}: warning: Unnamed service task: No worker for service task type "fax" ships with Shouwen: the step waits for a job worker of your own to take it.`);
  });

  it('validate: a problem of the whole file has no element id (`file: message`)', { timeout: SLOW }, async () => {
    const file = 'bpmn/fixtures/invalid/malformed-xml.bpmn';
    const r = await runCli(['validate', file], EN);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(new RegExp(`^${file.replaceAll('.', '\\.')}: The file could not be read as BPMN 2\\.0 XML`));
  });

  it('validate --forms checks form references against the *.form files (their "id", else the file name)', { timeout: SLOW }, async () => {
    const file = 'bpmn/fixtures/invalid/unknown-form.bpmn';
    const form = (id?: string) => JSON.stringify({ ...(id ? { id } : {}), type: 'default', components: [] });
    const dirs = { wrongId: join(tmp, 'wrong-id'), byId: join(tmp, 'by-id'), byName: join(tmp, 'by-name') };
    await Promise.all(Object.values(dirs).map((d) => mkdir(d)));
    await writeFile(join(dirs.wrongId, 'complaint-registr.form'), form('something-else'));
    await writeFile(join(dirs.byId, 'registration.form'), form('complaint-registr'));
    await writeFile(join(dirs.byName, 'complaint-registr.form'), form());
    await writeFile(join(dirs.byName, 'notes.txt'), 'not a form');

    expect((await runInProcess(['validate', file])).code).toBe(0);
    const missing = await runInProcess(['validate', file, '--forms', dirs.wrongId]);
    expect(missing.code).toBe(1);
    expect(missing.stdout).toBe(`${file}: Unnamed user task: Form "complaint-registr" does not exist: the task could not be shown to anyone. Create the form or pick an existing one.\n`);
    expect((await runInProcess(['validate', file, '--forms', dirs.byId])).code).toBe(0);
    expect((await runInProcess(['validate', file, '--forms', dirs.byName])).code).toBe(0);
    const noDir = await runInProcess(['validate', file, '--forms', join(tmp, 'nope')]);
    expect(noDir.code).toBe(2);
    expect(noDir.stderr).toMatch(/nope: no such file or directory/);
  });

  it('validate refuses a diagram over the API\'s size limit before reading it, with a clear message', { timeout: SLOW }, async () => {
    const huge = join(tmp, 'huge.bpmn');
    await writeFile(huge, `<?xml version="1.0"?><!--${'x'.repeat(9_000_000)}-->`);
    const r = await runInProcess(['validate', huge]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/huge\.bpmn: 9\.0 MB is too large for a diagram \(at most 2,000,000 characters, as the API accepts\)/);
    // Within the limit in characters though not in bytes (Chinese takes three each): read, and accepted as far as size goes.
    const chinese = join(tmp, 'chinese.bpmn');
    await writeFile(chinese, `<?xml version="1.0"?><!--${'流'.repeat(1_000_000)}-->`);
    const read = await runInProcess(['validate', chinese]);
    expect(read.stderr).not.toMatch(/too large|too many/);
    const long = join(tmp, 'long.bpmn');
    await writeFile(long, `<?xml version="1.0"?><!--${'x'.repeat(2_500_000)}-->`);
    expect((await runInProcess(['validate', long])).stderr).toMatch(/long\.bpmn: 2,500,0\d\d characters are too many for a diagram/);
  });

  it('argument errors exit 2 with a message on stderr', { timeout: SLOW }, async () => {
    const cases: Array<[string[], RegExp]> = [
      [['validate'], /validate: missing <file\.bpmn\|file\.dmn>/],
      [['validate', 'no/such/file.bpmn'], /no\/such\/file\.bpmn: no such file or directory/],
      [['validate', 'a.bpmn', 'b.bpmn'], /unexpected argument "b\.bpmn"/],
      [['validate', '--strict', 'a.bpmn'], /validate: unknown option --strict/],
      [['validate', 'a.bpmn', '--forms'], /Option '--forms <value>' argument missing/],
      [['start'], /start: missing <processKey>/],
      [['start', 'demo-approval', '--var', 'amount'], /--var "amount" is not name=value/],
      [['start', 'demo-approval', '--version', 'latest'], /--version must be a positive whole number/],
      [['tasks', '--status', 'done'], /--status must be open or completed/],
      [['tasks', 'extra'], /unexpected argument "extra"/],
      [['complete', 'task-1'], /--user is required/],
      [['complete', 'task-1', '--user', 'zj.cs_manager', '--data', '{oops'], /--data is not JSON/],
      [['complete', 'task-1', '--user', 'zj.cs_manager', '--data', '[1]'], /--data must be a JSON object/],
      [['replay'], /replay: missing <workflowId> or --file/],
      [['replay', '--file', 'no/such/history.json'], /no such file or directory/],
      // A process version says what it changes, as the API requires; refused before any connection.
      [['deploy', 'bpmn/processes/demo-approval.bpmn'], /deploy: --note "<what this version changes>" is required/],
      [['deploy', 'bpmn/processes/demo-approval.bpmn', '--note', '   '], /deploy: --note "<what this version changes>" is required/],
      [['deploy', 'bpmn/processes/demo-approval.bpmn', '--note', '审批加一级'], /Invalid environment:\n {2}DATABASE_URL/],
    ];
    for (const [args, message] of cases) {
      const r = await runInProcess(args, { DATABASE_URL: 'not a url' });
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toMatch(message);
      expect(r.stdout).toBe('');
    }
  });

  it('an unreachable database or Temporal exits 3 and says how to start it', { timeout: SLOW }, async () => {
    const db = await runInProcess(['tasks'], { DATABASE_URL: NO_DATABASE });
    expect(db.code).toBe(3);
    expect(db.stderr).toMatch(/^PostgreSQL at 127\.0\.0\.1:1\/postgres is not reachable \(.*\)\. Check DATABASE_URL/);
    expect(db.stderr).not.toContain('postgres:postgres');
    const embedded = await runInProcess(['deploy', 'bpmn/processes/demo-approval.bpmn', '--note', '审批加一级'], { SHOUWEN_PGLITE_PORT: '1' });
    expect(embedded.code).toBe(3);
    expect(embedded.stderr).toMatch(/Start Shouwen with `npm start` \(it serves the embedded database on port 1\)/);
    const temporal = await runInProcess(['replay', 'some-case'], { TEMPORAL_ADDRESS: '127.0.0.1:1' });
    expect(temporal.code).toBe(3);
    expect(temporal.stderr).toMatch(/^Temporal is not reachable at 127\.0\.0\.1:1\. Start Shouwen with `npm start`/);
  });

  it('replay --file: a recorded history replays; a tampered one reports the divergence (exit 1)', { timeout: 60_000 }, async () => {
    const recorded = 'test/replay/histories/form-data.json';
    const tampered = join(tmp, 'tampered.json');
    const json = JSON.stringify(JSON.parse(await readFile(recorded, 'utf8')));
    await writeFile(tampered, json.replace('"name":"projectTaskOpened"', '"name":"projectSomethingElse"'));
    const [ok, bad] = await Promise.all([runCli(['replay', '--file', recorded], EN), runCli(['replay', '--file', tampered], EN)]);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/^replay ok \(\d+ events\)\n$/);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(/^replay failed \(\d+ events\): .*Nondeterminism.*projectSomethingElse/);
  });
});

describe('shouwen CLI in the user language', () => {
  it('speaks Chinese by default: help, usage errors, unreachable services, a valid diagram', { timeout: SLOW }, async () => {
    const help = await runInProcess(['help'], {}, 'default');
    expect(help).toMatchObject({ code: 0, stderr: '' });
    expect(help.stdout).toMatch(/^用法：shouwen <命令> \[选项\]/);
    expect(help.stdout).toContain('SHOUWEN_LANG=en');
    const unknown = await runInProcess(['frobnicate'], {}, 'default');
    expect(unknown.stderr).toMatch(/^没有命令“frobnicate”。/);
    const usage = await runInProcess(['tasks', '--status', 'done'], { DATABASE_URL: 'not a url' }, 'default');
    expect(usage).toMatchObject({ code: 2, stderr: 'tasks：--status 只能是 open（待办）或 completed（已办），而不是“done”。\n运行 `shouwen help` 查看用法。\n' });
    const missing = await runInProcess(['validate', 'no/such/file.bpmn'], {}, 'default');
    expect(missing.stderr).toBe('no/such/file.bpmn：没有这个文件或目录\n');
    const db = await runInProcess(['tasks'], { DATABASE_URL: NO_DATABASE }, 'default');
    expect(db.code).toBe(3);
    expect(db.stderr).toMatch(/^无法连接 127\.0\.0\.1:1\/postgres 上的 PostgreSQL（.*）。请检查 DATABASE_URL/);
    const valid = await runInProcess(['validate', 'bpmn/processes/demo-approval.bpmn'], {}, 'default');
    expect(valid).toMatchObject({ code: 0, stdout: expect.stringMatching(/^bpmn\/processes\/demo-approval\.bpmn：有效（.*demo-approval，5 个元素）\n$/) });
  });

  it('validate words a broken diagram\'s problems in Chinese by default, as the editor does, in the same `file: element: message` lines (the element by its name, else its kind); English with SHOUWEN_LANG=en', async () => {
    const file = 'bpmn/fixtures/invalid/service-task-type.bpmn';
    const zh = await runInProcess(['validate', file], {}, 'default');
    expect(zh.code).toBe(1);
    const lines = zh.stdout.trimEnd().split('\n');
    expect(lines.length).toBeGreaterThanOrEqual(2);
    for (const line of lines) expect(line).toMatch(new RegExp(`^${file.replaceAll('.', '\\.')}: \\S.*[\\u4e00-\\u9fff]`));
    for (const line of lines) expect(line).not.toMatch(/untyped|unknownType/);
    expect(lines).toContain(`${file}: 未命名的服务任务：服务任务没有任务类型：不知道要执行哪个自动步骤。`);
    expect(lines).toContain(`${file}: 警告：未命名的服务任务：服务任务类型“fax”不是首问自带的：需要贵方自己的作业处理程序（job worker）来执行这一步，否则案例会停在这里。`);
    const en = await runInProcess(['validate', file]);
    expect(en.code).toBe(1);
    expect(en.stdout.trimEnd().split('\n')).toContain(`${file}: Unnamed service task: Service task has no task type: Shouwen would not know which automated step to run.`);
    // The same problems, line for line: only the words differ.
    expect(en.stdout.trimEnd().split('\n')).toHaveLength(lines.length);

    // A problem of the whole file, and a decision file's.
    const malformed = 'bpmn/fixtures/invalid/malformed-xml.bpmn';
    expect((await runInProcess(['validate', malformed], {}, 'default')).stdout).toMatch(new RegExp(`^${malformed.replaceAll('.', '\\.')}: 文件无法作为 BPMN 2\\.0 XML 读取。\n`));
    const broken = join(tmpdir(), `shouwen-cli-broken-${process.pid}.dmn`);
    await writeFile(broken, (await readFile('bpmn/decisions/credit-grading.dmn', 'utf8')).replace('<text>&lt;= 15</text>', '<text>&lt;= </text>'));
    try {
      const dmn = await runInProcess(['validate', broken], {}, 'default');
      expect(dmn.code).toBe(1);
      // The decision by its name, where the FEEL sits by the rule's number and the column's label: in Chinese too.
      expect(dmn.stdout).toMatch(/broken-\d+\.dmn: 「信用等级与额度」：FEEL 表达式无法解析：<=（第 2 条规则，输入「最长逾期天数」）\n/);
      expect((await runInProcess(['validate', broken])).stdout).toMatch(/broken-\d+\.dmn: “信用等级与额度”: FEEL does not parse: "<=" \(rule 2, input 最长逾期天数: /);
    } finally {
      await rm(broken, { force: true });
    }
  });

  it('switches to English with SHOUWEN_LANG=en and refuses a language it does not speak', async () => {
    expect((await runInProcess(['tasks', '--status', 'done'], { DATABASE_URL: 'not a url', SHOUWEN_LANG: 'en-US' }, 'default')).stderr).toMatch(/^tasks: --status must be open or completed/);
    const odd = await runInProcess(['help'], { SHOUWEN_LANG: 'fr' }, 'default');
    expect(odd).toMatchObject({ code: 2, stdout: '' });
    expect(odd.stderr).toContain('SHOUWEN_LANG');
  });

  it('words a refusal by its code from the shared catalog, its fields too; English on request', () => {
    const notOpen = conflict('Task T1 is already completed.', { code: 'task.notOpen', params: { status: 'completed' } });
    const customer = unprocessable('No customer NOPE.', { code: 'customer.notFound', params: { customerId: 'NOPE' }, errors: [{ path: 'body.customerId', message: 'unknown customer', code: 'customer.notFound', params: { customerId: 'NOPE' } }] });
    const odd = conflict('Only the server can say this.', { code: 'no.such.code' });
    setLang('zh-CN');
    expect(httpProblemLines(notOpen)).toEqual(['错误 409：此任务已处理完毕，不能再操作。']);
    expect(httpProblemLines(odd)).toEqual(['错误 409：Only the server can say this.']);
    expect(httpProblemLines(customer)).toEqual(['错误 422：找不到客户 NOPE。', '  body.customerId：找不到客户 NOPE。']);
    setLang('en');
    expect(httpProblemLines(notOpen)).toEqual(['error 409: Task T1 is already completed.']);
    expect(httpProblemLines(customer)).toEqual(['error 422: No customer NOPE.', '  body.customerId: unknown customer']);
    expect(httpProblemLines(odd)).toEqual(['error 409: Only the server can say this.']);
    setLang('zh-CN');
  });

  it('a replay divergence is a Chinese sentence, Temporal\'s own words kept below it; English on request', () => {
    const raw = '[TMPRL1100] Nondeterminism error: Activity type of scheduled event \'projectSomethingElse\' does not match activity type of activity command \'projectTaskOpened\'';
    setLang('zh-CN');
    expect(replayFailedLines(42, raw)).toEqual(['重放不一致（42 个事件）：执行历史与当前流程代码不一致，案例无法按记录重演。', `  Temporal 原文：${raw}`]);
    setLang('en');
    expect(replayFailedLines(42, raw)).toEqual([`replay failed (42 events): ${raw}`]);
    setLang('zh-CN');
  });

  it('a refused diagram\'s problems name their element by its name, not by their path', () => {
    const problem = { elementId: 'Task_1', elementType: 'userTask', elementName: '客服经理审批', message: 'User task has no outgoing flow.', code: 'bpmn.node.noOutgoing' };
    const refused = unprocessable('The diagram has 1 problem(s); nothing was deployed.', { code: 'process.invalid', params: { count: 1 }, errors: [{ path: 'body.xml#Task_1', ...problem }] });
    setLang('zh-CN');
    expect(httpProblemLines(refused)).toEqual(['错误 422：流程图有 1 个问题，未部署。', '  「客服经理审批」：此人工任务没有离开的连线：流转到这里会卡住。']);
    setLang('en');
    expect(httpProblemLines(refused)).toEqual(['error 422: The diagram has 1 problem(s); nothing was deployed.', '  “客服经理审批”: User task has no outgoing flow.']);
    setLang('zh-CN');
  });

  it('shows times in China time whatever the machine zone', () => {
    expect(shortTime('2026-12-01T16:30:00Z')).toBe('2026-12-02 00:30');
    expect(shortTime('2026-12-01T08:05:59.999+08:00')).toBe('2026-12-01 08:05');
    expect(shortTime(null)).toBe('-');
  });
});

describe('CLI helpers', () => {
  it('--var values are JSON when they parse, else strings', () => {
    expect(parseVariable('amount=1200')).toEqual(['amount', 1200]);
    expect(parseVariable('vip=true')).toEqual(['vip', true]);
    expect(parseVariable('tags=["a","b"]')).toEqual(['tags', ['a', 'b']]);
    expect(parseVariable('code="007"')).toEqual(['code', '007']);
    expect(parseVariable('note=退款 申请')).toEqual(['note', '退款 申请']);
    expect(parseVariable('expr=a=b')).toEqual(['expr', 'a=b']);
    expect(parseVariable('empty=')).toEqual(['empty', '']);
    setLang('en');
    expect(() => parseVariable('=1')).toThrow(/not name=value/);
    setLang('zh-CN');
    expect(() => parseVariable('=1')).toThrow(/不是 名称=值 的形式/);
  });

  it('aligns table columns by terminal width (Chinese characters take two columns)', () => {
    expect(displayWidth('审批ab')).toBe(6);
    expect(table(['ID', 'NAME', 'DUE'], [['t1', '经理审批', '-'], ['t22', 'review', '2026-01-01 09:00']])).toEqual([
      'ID   NAME      DUE',
      't1   经理审批  -',
      't22  review    2026-01-01 09:00',
    ]);
  });

  it('problem lines name the element by its name, else its kind, never its id; nothing for the whole file', () => {
    expect(problemLines('x.bpmn', [{ elementId: 'a', elementType: 'userTask', message: 'm1' }, { elementId: 'b', elementType: 'userTask', elementName: '客服经理审批', message: 'm3' }, { elementId: '', elementType: 'definitions', message: 'm2' }])).toEqual([
      'x.bpmn: 未命名的人工任务：m1',
      'x.bpmn: 「客服经理审批」：m3',
      'x.bpmn: m2',
    ]);
  });
});
