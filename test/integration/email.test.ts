import { createServer, type Socket } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPool, type Db } from '../../db/pool';
import { freePort } from '../../programs/launcher/ports';
import { createEmailDispatcher } from '../../server/notifications/email-dispatcher';
import { writeNotifications } from '../../db/notifications';
import { sharedStack } from '../shared-stack';

// E-mail delivery of the outbox against a real SMTP server (smtp-server, in process).

function smtpServer(port: number, received: Array<{ to: string; body: string }>) {
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, callback) {
      let body = '';
      stream.on('data', (c: Buffer) => (body += c.toString()));
      stream.on('end', () => {
        received.push({ to: session.envelope.rcptTo.map((r) => r.address).join(','), body });
        callback();
      });
    },
  });
  return new Promise<SMTPServer>((resolve) => server.listen(port, '127.0.0.1', () => resolve(server)));
}

describe('e-mail delivery of notifications', () => {
  let db: Db;
  beforeAll(() => {
    db = createPool(sharedStack().databaseUrl, 3);
  });
  afterAll(async () => db?.end());

  it('keeps mail pending while SMTP is down, sends it once it is back, skips users without an address', async () => {
    const port = await freePort();
    await db.query(`UPDATE app_user SET email = 'manager@zj.example' WHERE id = 'zj.cs_manager'`);
    await db.query(`UPDATE notification SET email_status = 'skipped' WHERE email_status = 'pending'`);
    // Earlier test files leave customer notifications pending; only this test's rows count here.
    await db.query(`UPDATE customer_notification SET status = 'failed' WHERE status = 'pending'`);
    const key = `email-test-${Date.now()}`;
    await writeNotifications(db, { key, userIds: ['zj.cs_manager', 'js.sales'], kind: 'notify', title: '请处理投诉 TS-1' });
    const dispatcher = createEmailDispatcher({ db, smtpUrl: `smtp://127.0.0.1:${port}?ignoreTLS=true`, from: 'shouwen@example.com' });

    const down = await dispatcher.runOnce();
    expect(down).toEqual({ sent: 0, skipped: 1, failed: 1 });
    const pending = await db.query(`SELECT user_id, email_status, email_attempts FROM notification WHERE notification_key LIKE $1 ORDER BY user_id`, [`${key}/%`]);
    expect(pending.rows).toEqual([
      { user_id: 'js.sales', email_status: 'skipped', email_attempts: 0 },
      { user_id: 'zj.cs_manager', email_status: 'pending', email_attempts: 1 },
    ]);

    const received: Array<{ to: string; body: string }> = [];
    const server = await smtpServer(port, received);
    try {
      expect(await dispatcher.runOnce()).toEqual({ sent: 1, skipped: 0, failed: 0 });
      expect(await dispatcher.runOnce()).toEqual({ sent: 0, skipped: 0, failed: 0 });
    } finally {
      await dispatcher.stop();
      await new Promise<void>((r) => server.close(() => r()));
    }
    expect(received).toHaveLength(1);
    expect(received[0]!.to).toBe('manager@zj.example');
    expect(received[0]!.body).toContain('Subject: =?UTF-8?');
  });

  it("delivers a customer's notification to the customer's address, and leaves phone notices to the agents", async () => {
    const port = await freePort();
    await db.query(`UPDATE notification SET email_status = 'skipped' WHERE email_status = 'pending'`);
    await db.query(`UPDATE customer_notification SET status = 'failed' WHERE status = 'pending'`);
    const key = `customer-email-test-${Date.now()}`;
    await db.query(
      `INSERT INTO customer_notification (notification_key, customer_id, channel, recipient, subject, body) VALUES
         ($1 || '/mail', 'C0002', 'email', 'lifang@gangcheng.example.com', '投诉受理回执 TS-1', '您的投诉已受理'),
         ($1 || '/phone', 'C0003', 'phone', '025-8456 7890', '投诉受理回执 TS-2', '您的投诉已受理')`,
      [key],
    );
    const received: Array<{ to: string; body: string }> = [];
    const server = await smtpServer(port, received);
    const dispatcher = createEmailDispatcher({ db, smtpUrl: `smtp://127.0.0.1:${port}?ignoreTLS=true`, from: 'shouwen@example.com' });
    try {
      expect(await dispatcher.runOnce()).toEqual({ sent: 1, skipped: 0, failed: 0 });
    } finally {
      await dispatcher.stop();
      await new Promise<void>((r) => server.close(() => r()));
    }
    expect(received.map((r) => r.to)).toEqual(['lifang@gangcheng.example.com']);
    const { rows } = await db.query(`SELECT channel, status, sent_at IS NOT NULL AS sent FROM customer_notification WHERE notification_key LIKE $1 ORDER BY channel`, [`${key}/%`]);
    expect(rows).toEqual([
      { channel: 'email', status: 'sent', sent: true },
      { channel: 'phone', status: 'pending', sent: false },
    ]);
  });

  it('holds no lock while an SMTP server hangs: the row it is sending stays writable, and the send times out into a retry', async () => {
    await db.query(`UPDATE app_user SET email = 'manager@zj.example' WHERE id = 'zj.cs_manager'`);
    await db.query(`UPDATE notification SET email_status = 'skipped' WHERE email_status = 'pending'`);
    await db.query(`UPDATE customer_notification SET status = 'failed' WHERE status = 'pending'`);
    const key = `email-hang-${Date.now()}`;
    await writeNotifications(db, { key, userIds: ['zj.cs_manager'], kind: 'notify', title: '请处理投诉 TS-2' });
    // A server that accepts the connection and never greets.
    const sockets: Socket[] = [];
    let connected!: () => void;
    const reached = new Promise<void>((r) => (connected = r));
    const server = createServer((socket) => {
      sockets.push(socket);
      connected();
    });
    const port = await freePort();
    await new Promise<void>((r) => server.listen(port, '127.0.0.1', r));
    const dispatcher = createEmailDispatcher({ db, smtpUrl: `smtp://127.0.0.1:${port}?ignoreTLS=true`, from: 'shouwen@example.com', smtpTimeoutMs: 1500 });
    const order: string[] = [];
    try {
      const round = dispatcher.runOnce().then((r) => {
        order.push('round');
        return r;
      });
      await reached;
      // While the dispatcher waits on the server, a reader marks the same notice read: no lock stands in its way.
      const marked = await db.query(`UPDATE notification SET read_at = now() WHERE notification_key LIKE $1 AND id IN (SELECT id FROM notification WHERE notification_key LIKE $1 FOR UPDATE NOWAIT)`, [`${key}/%`]);
      order.push('reader');
      expect(marked.rowCount).toBe(1);
      expect(await round).toEqual({ sent: 0, skipped: 0, failed: 1 });
      expect(order).toEqual(['reader', 'round']);
      const { rows } = await db.query(`SELECT email_status, email_attempts, email_lease_until FROM notification WHERE notification_key LIKE $1`, [`${key}/%`]);
      expect(rows).toEqual([{ email_status: 'pending', email_attempts: 1, email_lease_until: null }]);
    } finally {
      await dispatcher.stop();
      for (const s of sockets) s.destroy();
      await new Promise<void>((r) => server.close(() => r()));
    }
  });
});
