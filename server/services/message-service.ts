import { randomUUID } from 'node:crypto';
import { parseIsoDuration } from '../../bpmn/duration';
import { signalMailboxName, startVariables } from '../../bpmn/mailbox';
import type { CaseRepository } from '../../db/cases';
import type { ListeningStart, MessageRepository, Subscription } from '../../db/messages';
import type { ProcessRepository } from '../../db/processes';
import type { SessionUser } from '../../db/users';
import type { CandidateScope } from '../../bpmn/model';
import type { BroadcastSignalBody, BroadcastSignalResult, PublishMessageBody, PublishMessageResult } from '../../contract';
import { maySendAnyMessage } from '../../policy/capabilities';
import { undeclaredVariables, waitsFor, type MessageWait } from '../../policy/messages';
import { HttpProblem } from '../http/problem';
import type { IdempotentOperation } from '../http/idempotency';
import { assertMessageSize, newBusinessKey, type CaseService } from './case-service';
import { processWords } from '../../contract/process-names';

// POST /api/messages (issue 13): a message addressed by name and correlation key. It starts a case
// of every process whose message start event listens for the name, is delivered to every waiting
// case whose subscription matches, and is kept for its time to live when neither happened. The
// sender reaches only what it is entitled to — a start event's or catch event's
// shouwen:candidateGroups (admins: any), as for POST /api/cases/:id/messages — and the answer
// names only cases the sender may read (the others are counted).

export interface MessageTtl {
  defaultMs: number;
  maxMs: number;
}

export const DEFAULT_MESSAGE_TTL: MessageTtl = { defaultMs: 60 * 60 * 1000, maxMs: 7 * 24 * 60 * 60 * 1000 };

/** 400 `message.undeclaredVariables`, as the per-case route words it. */
function undeclared(name: string, names: string[], accepted: string[]): HttpProblem {
  return new HttpProblem(400, 'Bad Request', `The message "${name}" does not declare ${names.join(', ')}; it accepts ${accepted.length ? accepted.join(', ') : 'no variables'}.`, {
    code: 'message.undeclaredVariables',
    params: { messageName: name, undeclared: names, accepted },
    accepted,
    errors: names.map((n) => ({ path: `body.variables.${n}`, message: 'not declared by the message event', code: 'message.undeclaredVariable', params: { name: n } })),
  });
}

export function createMessageService(deps: {
  messages: MessageRepository;
  cases: Pick<CaseRepository, 'findById' | 'mayRead'>;
  processes: Pick<ProcessRepository, 'get'>;
  caseService: Pick<CaseService, 'start' | 'correlate' | 'maySend'>;
  roles: { holdsRoleWithin(userId: string, roles: readonly string[], unitId: string, scope: CandidateScope): Promise<boolean> };
  ttl?: MessageTtl;
  log?: { info(obj: object, msg: string): void };
  /** Whether the case an old, unrecorded message-start claim names is gone from Temporal (db/messages.ts claimHolderGone). */
  claimHolderGone: (caseId: string) => Promise<boolean>;
}) {
  const { messages, cases, processes, caseService, roles } = deps;
  const ttl = deps.ttl ?? DEFAULT_MESSAGE_TTL;

  function timeToLiveMs(text: string | undefined): number {
    if (text === undefined) return ttl.defaultMs;
    const ms = parseIsoDuration(text);
    if (ms === undefined) {
      throw new HttpProblem(400, 'Bad Request', `timeToLive "${text}" is not an ISO 8601 duration.`, { code: 'message.ttlInvalid', params: { timeToLive: text }, errors: [{ path: 'body.timeToLive', message: 'not an ISO 8601 duration' }] });
    }
    if (ms > ttl.maxMs) {
      const hours = Math.floor(ttl.maxMs / 3_600_000);
      throw new HttpProblem(400, 'Bad Request', `timeToLive may be at most ${hours} hours.`, { code: 'message.ttlTooLong', params: { hours }, errors: [{ path: 'body.timeToLive', message: `at most ${hours} hours` }] });
    }
    return ms;
  }

  /** May the sender start a case at this start event (in the sender's own unit, where the case will be)? */
  async function mayStart(user: SessionUser, s: ListeningStart): Promise<boolean> {
    if (maySendAnyMessage(user)) return true;
    const groups = s.startEvent.senderGroups ?? [];
    return groups.length > 0 && roles.holdsRoleWithin(user.id, groups, user.unitId, s.startEvent.senderScope ?? 'unit');
  }

  /** The waiting cases of `subs` the sender may send this message to, with what the catch events accept. */
  async function entitledSubscriptions(user: SessionUser, name: string, subs: Subscription[]) {
    const out: Array<{ sub: Subscription; found: NonNullable<Awaited<ReturnType<typeof cases.findById>>>; waits: MessageWait[] }> = [];
    for (const sub of subs) {
      const found = await cases.findById(sub.caseId);
      if (!found || found.status !== 'running') continue;
      const definition = await processes.get(found.processKey, found.processVersion);
      const waits = definition ? waitsFor(definition.model, [sub.elementId], name) : [];
      if (waits.length && (await caseService.maySend(user, found.unitId, waits))) out.push({ sub, found, waits });
    }
    return out;
  }

  /** Refuses variables a start or catch event reached does not declare, before anything moves. */
  function assertDeclared(name: string, starts: ListeningStart[], targets: Array<{ waits: MessageWait[] }>, variables: Record<string, unknown>): void {
    for (const s of starts) {
      const accepted = (s.startEvent.outputs ?? []).map((o) => o.source);
      const extra = Object.keys(variables).filter((n) => !accepted.includes(n));
      if (extra.length) throw undeclared(name, extra, accepted);
    }
    for (const t of targets) {
      const extra = undeclaredVariables(t.waits, variables);
      if (extra.length) throw undeclared(name, extra, [...new Set(t.waits.flatMap((w) => w.accepts))]);
    }
  }

  /**
   * Starts a case at each start event, initiated by the sender, with the variables its outputs map.
   * With a correlation key (Zeebe's rule) a process whose case started for that key still runs
   * starts nothing: the message then correlates or is buffered like any other.
   */
  async function startCases(user: SessionUser, name: string, starts: ListeningStart[], variables: Record<string, unknown>, op?: IdempotentOperation, correlationKey = '') {
    const started: Array<{ caseId: string; processKey: string }> = [];
    for (const s of starts) {
      const scoped: IdempotentOperation | undefined = op && { operationId: `${op.operationId}/${s.processKey}`, remember: (n, compute) => op.remember(`${s.processKey}:${n}`, compute) };
      const req = { processKey: s.processKey, version: s.version, title: `${processWords(s.processKey, s.processName)} · ${name}`, variables: startVariables(s.startEvent, variables) };
      if (!correlationKey) {
        const c = await caseService.start(user, req, scoped, s.startEvent.id);
        started.push({ caseId: c.id, processKey: c.processKey });
        continue;
      }
      // The case id is fixed before the claim, so a retried publication claims for the same case.
      const businessKey = scoped ? await scoped.remember('businessKey', () => newBusinessKey()) : newBusinessKey();
      const caseId = `${s.processKey}/${businessKey}`;
      const claim = await messages.claimMessageStart(s.processKey, correlationKey, caseId, deps.claimHolderGone);
      if (!claim.claimed) {
        deps.log?.info({ processKey: s.processKey, messageName: name, correlationKey, runningCaseId: claim.heldBy }, 'message start skipped: a case started for this correlation key still runs');
        continue;
      }
      try {
        const c = await caseService.start(user, { ...req, businessKey }, scoped, s.startEvent.id);
        started.push({ caseId: c.id, processKey: c.processKey });
      } catch (err) {
        await messages.releaseMessageStart(s.processKey, correlationKey, caseId);
        throw err;
      }
    }
    return started;
  }

  /** Delivers to waiting cases under `mailboxName`; names the ones the sender may read, counts the others. */
  async function deliverTo(user: SessionUser, mailboxName: string, variables: Record<string, unknown>, deliveryId: string) {
    const correlated: Array<{ caseId: string }> = [];
    let unlisted = 0;
    return {
      correlated,
      unlisted: () => unlisted,
      async deliver(list: Awaited<ReturnType<typeof entitledSubscriptions>>) {
        for (const t of list) {
          try {
            await caseService.correlate(user, t.found, mailboxName, variables, deliveryId, [t.sub.elementId]);
          } catch (err) {
            // The wait ended between the look-up and now (409): that case no longer takes it.
            if (err instanceof HttpProblem && err.status < 500) continue;
            throw err;
          }
          if (await cases.mayRead(user, t.found.id)) correlated.push({ caseId: t.found.id });
          else unlisted += 1;
        }
      },
    };
  }

  return {
    async publish(user: SessionUser, body: PublishMessageBody, op?: IdempotentOperation): Promise<PublishMessageResult> {
      const variables = body.variables ?? {};
      assertMessageSize(variables);
      const ttlMs = timeToLiveMs(body.timeToLive);
      const key = body.correlationKey ?? '';
      const messageId = op ? await op.remember('messageId', () => randomUUID()) : randomUUID();

      // Everything the sender may reach, checked before anything moves.
      const starts: ListeningStart[] = [];
      for (const s of await messages.listeningStarts('message', body.name)) if (await mayStart(user, s)) starts.push(s);
      const subs = await messages.subscriptions('message', body.name, key);
      const targets = await entitledSubscriptions(user, body.name, subs);
      assertDeclared(body.name, starts, targets, variables);

      const started = await startCases(user, body.name, starts, variables, op, key);
      const reached = await deliverTo(user, body.name, variables, op ? op.operationId : messageId);
      await reached.deliver(targets);
      const { correlated } = reached;

      let buffered = false;
      if (started.length === 0 && correlated.length + reached.unlisted() === 0 && ttlMs > 0) {
        const outcome = await messages.bufferUnlessSubscribed(
          { id: messageId, name: body.name, correlationKey: key, variables, senderId: user.id, senderUnrestricted: maySendAnyMessage(user), ttlMs },
          new Set(subs.map((s) => s.subscriptionId)),
        );
        buffered = outcome.buffered;
        // A case started waiting meanwhile: it gets the message now (if the sender may send it there).
        if (!buffered) await reached.deliver(await entitledSubscriptions(user, body.name, outcome.fresh));
      }
      const kept = buffered ? await messages.buffered(messageId) : undefined;
      return { messageId, started, correlated, correlatedUnlisted: reached.unlisted(), buffered, expiresAt: kept ? kept.expiresAt.toISOString() : null };
    },

    /**
     * POST /api/signals: starts a case of every process whose signal start event listens for the
     * name and reaches every case waiting for it, each only where the sender is entitled (the
     * events' shouwen:candidateGroups, admins: any). Nothing is kept: a signal nobody listens for
     * now is gone, as in BPMN.
     */
    async broadcastSignal(user: SessionUser, body: BroadcastSignalBody, op?: IdempotentOperation): Promise<BroadcastSignalResult> {
      const variables = body.variables ?? {};
      assertMessageSize(variables);
      const signalId = op ? await op.remember('signalId', () => randomUUID()) : randomUUID();
      const starts: ListeningStart[] = [];
      for (const s of await messages.listeningStarts('signal', body.name)) if (await mayStart(user, s)) starts.push(s);
      const targets = await entitledSubscriptions(user, signalMailboxName(body.name), await messages.subscriptions('signal', body.name, null));
      assertDeclared(body.name, starts, targets, variables);
      const started = await startCases(user, body.name, starts, variables, op);
      const reached = await deliverTo(user, signalMailboxName(body.name), variables, op ? op.operationId : signalId);
      await reached.deliver(targets);
      return { signalId, started, correlated: reached.correlated, correlatedUnlisted: reached.unlisted() };
    },

    /** Drops expired buffered messages, and says so in the log (never silently). */
    async sweepExpired(): Promise<number> {
      const dropped = await messages.sweepExpired();
      if (dropped.length) deps.log?.info({ expiredMessages: dropped.length, messages: dropped.slice(0, 20) }, 'buffered messages expired unclaimed and were dropped');
      return dropped.length;
    },
  };
}

export type MessageService = ReturnType<typeof createMessageService>;
