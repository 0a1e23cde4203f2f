import { createHash } from 'node:crypto';
import { Context } from '@temporalio/activity';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import { mailboxNameOf, startedBusinessKey, startVariables } from '../bpmn/mailbox';
import { claimHolderGone, createMessageRepository, type MessageKind } from '../db/messages';
import type { Db } from '../db/pool';
import { appendCaseEvent } from '../db/case-events';
import { processWords } from '../contract/process-names';

// The workflow's side of message correlation (db/messages.ts): a catch event's subscription opens
// and closes, and a throw event publishes. A thrown message acts with the engine's authority (the
// diagram was deployed by a process owner): no sender role is asked, the catch events' outputs
// still decide which variables a case takes.

export interface OpenSubscriptionInput {
  subscriptionId: string;
  caseId: string;
  elementId: string;
  kind: MessageKind;
  name: string;
  correlationKey: string | null;
}

export interface PublishThrownInput {
  /** `<caseId>/<elementId>/<occurrence>`: the same on every retry. */
  messageId: string;
  caseId: string;
  elementId: string;
  kind: MessageKind;
  name: string;
  correlationKey: string | null;
  variables: Record<string, unknown>;
}

/** How long a thrown message nobody takes is kept (the API's default is MESSAGE_TTL). */
export const THROWN_MESSAGE_TTL_MS = 60 * 60 * 1000;

export function createMessageActivities({ db }: { db: Db }) {
  const messages = createMessageRepository(db);
  return {
    async openMessageSubscription(input: OpenSubscriptionInput): Promise<{ variables: Record<string, unknown> } | null> {
      const claimed = await messages.open(input);
      return claimed && { variables: claimed.variables };
    },

    async closeMessageSubscription(input: { subscriptionId: string }): Promise<void> {
      await messages.close(input.subscriptionId);
    },

    /** Starts every process listening for it, delivers it to every waiting case, else buffers a message. */
    async publishThrown(input: PublishThrownInput): Promise<{ started: number; correlated: number; buffered: boolean }> {
      const { client, info } = { client: Context.current().client, info: Context.current().info };
      const found = await db.query('SELECT initiator_id, unit_id FROM process_case WHERE id = $1', [input.caseId]);
      const thrower = found.rows[0] as { initiator_id: string | null; unit_id: string } | undefined;
      let started = 0;
      for (const s of await messages.listeningStarts(input.kind, input.name)) {
        const digest = createHash('sha256').update(`${input.messageId}\u0001${s.processKey}\u0001${s.startEvent.id}`).digest('hex');
        // The activity's first scheduling, not the clock: a retry on another day finds the same case.
        const startedAt = new Date(info.scheduledTimestampMs).toISOString();
        const businessKey = startedBusinessKey(startedAt.slice(0, 10), digest);
        const workflowId = `${s.processKey}/${businessKey}`;
        // Zeebe's rule, as for POST /api/messages: a keyed message starts no second running case of a process.
        const claimKey = input.kind === 'message' ? (input.correlationKey ?? '') : '';
        if (claimKey && !(await messages.claimMessageStart(s.processKey, claimKey, workflowId, claimHolderGone(client))).claimed) continue;
        try {
          await client.workflow.start('bpmnProcess', {
            taskQueue: info.taskQueue,
            workflowId,
            args: [
              {
                model: s.model,
                processVersion: s.version,
                forms: s.forms,
                businessKey,
                title: `${processWords(s.processKey, s.processName)} · ${input.name}`,
                initiatorId: thrower?.initiator_id ?? null,
                unitId: thrower?.unit_id,
                customerId: null,
                // A signal start takes the signal's variables; a message start those its outputs declare.
                variables: { ...(s.startEvent.trigger?.kind === 'signal' ? input.variables : startVariables(s.startEvent, input.variables)), businessKey, startedBy: input.caseId },
                startedAt,
                startAt: s.startEvent.id,
              },
            ],
          });
        } catch (err) {
          // A retry of this activity: the case was started by the first attempt.
          if (!(err instanceof WorkflowExecutionAlreadyStartedError)) {
            if (claimKey) await messages.releaseMessageStart(s.processKey, claimKey, workflowId);
            throw err;
          }
        }
        started += 1;
      }
      const messageName = mailboxNameOf(input.kind === 'message' ? { kind: 'message', messageName: input.name } : { kind: 'signal', signalName: input.name });
      const deliver = async (subs: Array<{ caseId: string; elementId: string }>) => {
        let n = 0;
        for (const sub of subs) {
          if (sub.caseId === input.caseId) continue;
          try {
            await client.workflow.getHandle(sub.caseId).executeUpdate('correlateMessage', { updateId: `${input.messageId}/${sub.caseId}`, args: [{ messageName, variables: input.variables }] });
          } catch (err) {
            // The case ended since it subscribed: nothing to deliver to.
            Context.current().log.info('thrown message not delivered', { caseId: sub.caseId, error: String(err) });
            continue;
          }
          await appendCaseEvent(db, {
            key: `${sub.caseId}/message/thrown/${input.messageId}`,
            caseId: sub.caseId,
            kind: input.kind === 'message' ? 'message.received' : 'signal.received',
            actorId: null,
            payload: { [input.kind === 'message' ? 'messageName' : 'signalName']: input.name, variables: input.variables, elementIds: [sub.elementId], thrownBy: input.caseId },
          });
          n += 1;
        }
        return n;
      };
      const subs = await messages.subscriptions(input.kind, input.name, input.kind === 'message' ? input.correlationKey : null);
      let correlated = await deliver(subs);
      let buffered = false;
      if (input.kind === 'message' && started === 0 && correlated === 0) {
        const outcome = await messages.bufferUnlessSubscribed(
          { id: input.messageId, name: input.name, correlationKey: input.correlationKey ?? '', variables: input.variables, senderId: null, senderUnrestricted: true, thrownByCaseId: input.caseId, ttlMs: THROWN_MESSAGE_TTL_MS },
          new Set(subs.map((s) => s.subscriptionId)),
        );
        buffered = outcome.buffered;
        correlated += await deliver(outcome.fresh);
      }
      return { started, correlated, buffered };
    },
  };
}
