import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChatOutbox } from '../../db/chat-outbox';
import { createChatDispatcher } from '../../server/notifications/chat-dispatcher';
import { bpmnXml, flow, startEngine, uniqueKey, type Engine } from '../engine-harness';
import { eventually } from '../helpers';

// Issue 12 §6: a unit's team chat (企业微信 / 钉钉 群机器人) hears of its work through a webhook,
// delivered from a durable outbox with retries. A local HTTP server plays the robot and records
// what it receives.

interface Received {
  path: string;
  query: URLSearchParams;
  body: { msgtype: string; markdown: { content?: string; title?: string; text?: string } };
  status: number;
}

/** A robot on 127.0.0.1 that answers `answers.shift()` (default 200 with errcode 0) and records every request. */
async function robot() {
  const received: Received[] = [];
  const answers: number[] = [];
  const server: Server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString('utf8')));
    req.on('end', () => {
      const url = new URL(req.url!, 'http://127.0.0.1');
      const status = answers.shift() ?? 200;
      received.push({ path: url.pathname, query: url.searchParams, body: JSON.parse(raw) as Received['body'], status });
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(status === 200 ? '{"errcode":0,"errmsg":"ok"}' : '{"errcode":-1,"errmsg":"system busy"}');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { received, answers, base, close: () => new Promise<void>((r) => server.close(() => r())) };
}

const PUBLIC_URL = 'https://shouwen.example.com';
const UNIT = 'fj';
const SECRET = 'SEC0123456789abcdef-test-secret';

describe('team-chat webhooks', () => {
  let e: Engine;
  let bot: Awaited<ReturnType<typeof robot>>;
  let key: string;
  const dispatcher = () => createChatDispatcher({ db: e.stack.db, publicUrl: PUBLIC_URL, allowedHosts: ['127.0.0.1'] });
  const admin = async (method: 'GET' | 'PUT' | 'DELETE', url: string, payload?: object) =>
    e.stack.app.inject({ method, url, headers: { cookie: await e.cookie('admin') }, ...(payload ? { payload } : {}) });
  /** Starts a case in fj and waits until its task's chat message is queued. */
  const startCase = async (title: string, extra: Record<string, unknown> = {}) => {
    const caseId = await e.start('fj.cs_agent', key, {}, { title, ...extra });
    const [task] = await e.waitForTasks(caseId, ['approve']);
    await eventually(async () => ((await e.stack.db.query('SELECT 1 FROM chat_message WHERE task_id = $1', [task!.id])).rowCount ? true : undefined), 10_000, 'chat message queued');
    return { caseId, taskId: task!.id };
  };
  const forTask = (taskId: string) => bot.received.filter((r) => JSON.stringify(r.body).includes(encodeURIComponent(taskId)));

  beforeAll(async () => {
    bot = await robot();
    e = await startEngine('chat', { webhookHosts: ['127.0.0.1'] });
    key = uniqueKey('chat');
    const xml = bpmnXml(key, `<bpmn:startEvent id="s"/><bpmn:userTask id="approve" name="经理审批"><bpmn:extensionElements><zeebe:assignmentDefinition candidateGroups="cs_manager"/></bpmn:extensionElements></bpmn:userTask><bpmn:endEvent id="e"/>${flow('f1', 's', 'approve')}${flow('f2', 'approve', 'e')}`);
    expect((await e.deploy(xml)).statusCode).toBe(201);
    // Only this file's messages count: earlier files may have left some queued.
    await e.stack.db.query(`UPDATE chat_message SET status = 'skipped' WHERE status = 'pending'`);
  });
  afterAll(async () => {
    if (e) await admin('DELETE', `/api/admin/unit-webhooks/${UNIT}`);
    await e?.close();
    await bot?.close();
  });

  it('refuses URLs that are not https to an allowed host, with a code per reason', async () => {
    const cases: Array<[string, string]> = [
      ['not a url', 'webhooks.urlInvalid'],
      ['http://10.0.0.8/robot', 'webhooks.urlNotHttps'],
      ['https://169.254.169.254/latest/meta-data', 'webhooks.hostNotAllowed'],
      ['https://qyapi.weixin.qq.com.evil.example/cgi-bin/webhook/send?key=x', 'webhooks.hostNotAllowed'],
      [`https://user:pw@127.0.0.1/robot`, 'webhooks.urlCredentials'],
    ];
    for (const [url, code] of cases) {
      const res = await admin('PUT', `/api/admin/unit-webhooks/${UNIT}`, { format: 'wecom', url });
      expect(res.statusCode, url).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json().errors, url).toEqual([expect.objectContaining({ path: 'body.url', code })]);
    }
    const noUrl = await admin('PUT', `/api/admin/unit-webhooks/${UNIT}`, { format: 'wecom' });
    expect(noUrl.json().errors).toEqual([expect.objectContaining({ path: 'body.url', code: 'webhooks.urlRequired' })]);
    expect((await admin('PUT', '/api/admin/unit-webhooks/nowhere', { format: 'wecom', url: `${bot.base}/wecom` })).json().code).toBe('units.notFound');
    expect((await admin('DELETE', `/api/admin/unit-webhooks/${UNIT}`)).json().code).toBe('webhooks.notFound');
  });

  it('sends a new task to the unit’s 企业微信 robot as markdown with the task, the case and a link', async () => {
    const put = await admin('PUT', `/api/admin/unit-webhooks/${UNIT}`, { format: 'wecom', url: `${bot.base}/wecom?key=wecom-key-1` });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json()).toMatchObject({ unitId: UNIT, format: 'wecom', url: `${bot.base}/wecom?…`, secretSet: false, enabled: true, updatedBy: 'admin' });
    expect(put.body).not.toContain('wecom-key-1');

    const { taskId } = await startCase('闽江物流 退货审批');
    expect(await dispatcher().runOnce()).toMatchObject({ sent: 1, failed: 0 });
    const [msg, ...more] = forTask(taskId);
    expect(more).toEqual([]);
    expect(msg!.path).toBe('/wecom');
    expect(msg!.query.get('key')).toBe('wecom-key-1');
    expect(Object.keys(msg!.body)).toEqual(['msgtype', 'markdown']);
    expect(msg!.body.msgtype).toBe('markdown');
    expect(Object.keys(msg!.body.markdown)).toEqual(['content']);
    const content = msg!.body.markdown.content!;
    expect(content).toContain('新任务：经理审批');
    expect(content).toContain('案例：闽江物流 退货审批');
    expect(content).toContain(`[打开任务](${PUBLIC_URL}/tasks/${encodeURIComponent(taskId)})`);
    // Sent once: the next round finds nothing.
    expect(await dispatcher().runOnce()).toEqual({ sent: 0, skipped: 0, failed: 0 });
  });

  it('signs 钉钉 messages (加签) and never shows the secret or the access token again', async () => {
    const put = await admin('PUT', `/api/admin/unit-webhooks/${UNIT}`, { format: 'dingtalk', url: `${bot.base}/robot/send?access_token=ding-token-1`, secret: SECRET });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json()).toMatchObject({ format: 'dingtalk', secretSet: true, url: `${bot.base}/robot/send?…` });
    const list = await admin('GET', '/api/admin/unit-webhooks');
    expect(list.json().items).toContainEqual(expect.objectContaining({ unitId: UNIT, secretSet: true }));
    // Changing only the format-independent parts keeps the stored URL and secret.
    const kept = await admin('PUT', `/api/admin/unit-webhooks/${UNIT}`, { format: 'dingtalk', enabled: true });
    expect(kept.json()).toMatchObject({ secretSet: true });
    for (const res of [put, list, kept]) {
      expect(res.body).not.toContain(SECRET);
      expect(res.body).not.toContain('ding-token-1');
    }
    // Every change is recorded with who made it, never with a credential.
    const changes = await e.stack.db.query(`SELECT actor_id, action, before, after FROM unit_webhook_change WHERE unit_id = $1 ORDER BY id DESC LIMIT 2`, [UNIT]);
    expect(changes.rows.map((r) => [r.actor_id, r.action, r.after])).toEqual([
      ['admin', 'webhook.set', { format: 'dingtalk', url: `${bot.base}/robot/send?…`, secretSet: true, enabled: true }],
      ['admin', 'webhook.set', { format: 'dingtalk', url: `${bot.base}/robot/send?…`, secretSet: true, enabled: true }],
    ]);
    expect(changes.rows[1].before).toMatchObject({ format: 'wecom', secretSet: false });
    expect(JSON.stringify(changes.rows)).not.toMatch(/SEC0123|ding-token|wecom-key/);

    const { taskId } = await startCase('鹭岛餐饮 报价审批');
    expect(await dispatcher().runOnce()).toMatchObject({ sent: 1 });
    const [msg] = forTask(taskId);
    expect(msg!.path).toBe('/robot/send');
    expect(msg!.query.get('access_token')).toBe('ding-token-1');
    const timestamp = msg!.query.get('timestamp')!;
    expect(timestamp).toMatch(/^\d{13}$/);
    const expected = createHmac('sha256', SECRET).update(`${timestamp}\n${SECRET}`).digest('base64');
    expect(msg!.query.get('sign')).toBe(expected);
    expect(msg!.body).toEqual({ msgtype: 'markdown', markdown: { title: '【首问】新任务：经理审批', text: expect.stringContaining('案例：鹭岛餐饮 报价审批') } });
    expect(msg!.body.markdown.text).toContain(`${PUBLIC_URL}/tasks/${encodeURIComponent(taskId)}`);
  });

  it('retries after a 500 with growing back-off and delivers once the robot answers 200', async () => {
    await admin('PUT', `/api/admin/unit-webhooks/${UNIT}`, { format: 'wecom', url: `${bot.base}/wecom?key=wecom-key-2` });
    const { taskId } = await startCase('重试 测试');
    const row = async () =>
      (
        await e.stack.db.query<{ status: string; attempts: number; backoff: number; last_error: string | null }>(
          `SELECT status, attempts, extract(epoch FROM next_attempt_at - last_attempt_at)::float8 AS backoff, last_error FROM chat_message WHERE task_id = $1`,
          [taskId],
        )
      ).rows[0]!;
    const due = () => e.stack.db.query(`UPDATE chat_message SET next_attempt_at = now() WHERE task_id = $1`, [taskId]);

    bot.answers.push(500, 500);
    expect(await dispatcher().runOnce()).toMatchObject({ sent: 0, failed: 1 });
    expect(await row()).toMatchObject({ status: 'pending', attempts: 1, backoff: 30, last_error: expect.stringContaining('HTTP 500') });
    // Not due yet: a round right away leaves it alone.
    expect(await dispatcher().runOnce()).toEqual({ sent: 0, skipped: 0, failed: 0 });
    await due();
    expect(await dispatcher().runOnce()).toMatchObject({ failed: 1 });
    expect(await row()).toMatchObject({ status: 'pending', attempts: 2, backoff: 60 });
    await due();
    expect(await dispatcher().runOnce()).toMatchObject({ sent: 1, failed: 0 });
    expect(await row()).toMatchObject({ status: 'sent', attempts: 3, last_error: null });
    expect(forTask(taskId).map((r) => r.status)).toEqual([500, 500, 200]);
  });

  it('sends again what a dispatcher claimed and never marked (at least once), not while its lease runs', async () => {
    const { taskId } = await startCase('中途崩溃 测试');
    // A dispatcher claims the message and dies before sending or marking it.
    const claimed = await createChatOutbox(e.stack.db).claim(100, 120);
    expect(claimed.map((c) => c.taskId)).toContain(taskId);
    expect(await dispatcher().runOnce()).toEqual({ sent: 0, skipped: 0, failed: 0 });
    expect(forTask(taskId)).toEqual([]);
    // Its lease ends.
    await e.stack.db.query(`UPDATE chat_message SET next_attempt_at = now() WHERE task_id = $1`, [taskId]);
    const log: string[] = [];
    expect(await createChatDispatcher({ db: e.stack.db, publicUrl: PUBLIC_URL, allowedHosts: ['127.0.0.1'], log: (m) => log.push(m) }).runOnce(), log.join('\n')).toMatchObject({ sent: 1 });
    expect(forTask(taskId)).toHaveLength(1);
  });

  it('masks a secret customer’s case title in the chat: a group is cleared for no secret customer', async () => {
    const customerId = `C-CHAT-${Date.now().toString(36)}`;
    await e.stack.db.query(`INSERT INTO customer (id, name, tier, contact_name, phone, unit_id, confidentiality) VALUES ($1, '闽侯保密电子', 'A', '赵保密', '0591-0000 0000', $2, 'secret')`, [customerId, UNIT]);
    const { taskId } = await startCase('闽侯保密电子 赵保密 审批', { customerId });
    expect(await dispatcher().runOnce()).toMatchObject({ sent: 1 });
    const [msg] = forTask(taskId);
    const content = msg!.body.markdown.content!;
    expect(content).toContain('案例：（保密客户的案例）');
    expect(content).toContain('新任务：经理审批');
    expect(content).not.toContain('闽侯');
    expect(content).not.toContain('赵保密');
  });

  it('tells the group how a case ended, by its end event (a rejected 简单审批: 已驳回), linking the case', async () => {
    const started = await e.post('fj.cs_agent', '/api/cases', { processKey: 'demo-approval', title: '群消息 驳回测试', variables: { amount: 1200 } });
    expect(started.statusCode).toBe(201);
    const caseId = started.body.id as string;
    const [approve] = await e.waitForTasks(caseId, ['Approve']);
    expect((await e.complete('fj.cs_manager', approve!.id, { outcome: 'reject', comment: '金额不符' })).statusCode).toBe(200);
    await eventually(async () => ((await e.stack.db.query(`SELECT 1 FROM chat_message WHERE case_id = $1 AND kind = 'case.ended'`, [caseId])).rowCount ? true : undefined), 10_000, 'case end queued');
    expect(await dispatcher().runOnce()).toMatchObject({ sent: 2, failed: 0 }); // its task, then its end
    const ended = bot.received.find((r) => r.body.markdown.content?.includes(`/cases/${encodeURIComponent(caseId)})`));
    expect(ended!.body.markdown.content).toContain('案例已完成（已驳回）');
    expect(ended!.body.markdown.content).toContain('案例：群消息 驳回测试');
    expect(ended!.body.markdown.content).toContain(`[查看案例](${PUBLIC_URL}/cases/${encodeURIComponent(caseId)})`);
  });

  it('checks the host again before sending: a URL stored before the allowlist shrank is not called', async () => {
    const { taskId } = await startCase('白名单收紧 测试');
    const strict = createChatDispatcher({ db: e.stack.db, publicUrl: PUBLIC_URL, allowedHosts: ['qyapi.weixin.qq.com'] });
    expect(await strict.runOnce()).toMatchObject({ sent: 0, failed: 1 });
    expect(forTask(taskId)).toEqual([]);
    const { rows } = await e.stack.db.query(`SELECT status, last_error FROM chat_message WHERE task_id = $1`, [taskId]);
    expect(rows[0]).toMatchObject({ status: 'pending', last_error: expect.stringContaining('webhook URL refused') });
  });

  it('sends nothing for a unit whose webhook was removed meanwhile', async () => {
    const { taskId } = await startCase('删除后 测试');
    expect((await admin('DELETE', `/api/admin/unit-webhooks/${UNIT}`)).statusCode).toBe(204);
    const removed = await e.stack.db.query(`SELECT action, after FROM unit_webhook_change WHERE unit_id = $1 ORDER BY id DESC LIMIT 1`, [UNIT]);
    expect(removed.rows).toEqual([{ action: 'webhook.remove', after: null }]);
    expect(await dispatcher().runOnce()).toMatchObject({ sent: 0, skipped: 1 });
    expect(forTask(taskId)).toEqual([]);
  });
});
