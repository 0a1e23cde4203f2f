import { CancellationScope, isCancellation } from '@temporalio/workflow';
import type { IntermediateCatchEventElement, ProcessElement } from '../../../bpmn/model';
import type { Interpreter } from '../interpreter';
import { receive, timerMs } from './catch-events';
import { timerSleep } from './sandbox-timers';

// An event-based gateway: the token waits at every catch event its flows lead to (timers and
// messages, a receive task being one) and goes on past the first that happens; the others are
// withdrawn. The catch events run here, inside the gateway, so the token leaves by the winner's
// outgoing flows and the winner counts as completed (the diagram shows which way it went).

export async function raceEvents(engine: Interpreter, el: ProcessElement & { type: 'eventBasedGateway' }): Promise<string[]> {
  const events = el.outgoing.map((f) => engine.model.elements[engine.target(f)]).filter((t): t is IntermediateCatchEventElement => t?.type === 'intermediateCatchEvent');
  const race = new CancellationScope();
  let winner: IntermediateCatchEventElement | undefined;
  const waits = events.map((t) =>
    race
      .run(async () => {
        if (t.trigger.kind === 'timer') await timerSleep(engine, t.id, await timerMs(engine, t.id, t.trigger.timer));
        else await receive(engine, { ...t, trigger: t.trigger });
        // Two may happen in one workflow task: the first in diagram order wins, the others are dropped.
        if (!winner) {
          winner = t;
          race.cancel();
        }
      })
      .catch((err: unknown) => {
        if (!isCancellation(err)) throw err;
      }),
  );
  await Promise.all(waits);
  if (!winner) throw new Error(`event-based gateway ${el.id}: no event happened`);
  engine.completedCounts[winner.id] = (engine.completedCounts[winner.id] ?? 0) + 1;
  return winner.outgoing;
}
