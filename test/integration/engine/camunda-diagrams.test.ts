import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileBpmn } from '../../../bpmn/compile';
import { eventually } from '../../helpers';
import { bpmnXml, flow, startEngine, type Engine } from '../../engine-harness';

// Diagrams in the Camunda 8 dialect (their process ids are prefixed modeler- so they never
// collide with the shipped processes of the same name), as Camunda Modeler writes them (DI, zeebe: elements,
// FEEL with `=`), deployed and run unchanged end to end.

const diagram = (name: string) => readFileSync(new URL(`../../../bpmn/fixtures/camunda/${name}.bpmn`, import.meta.url), 'utf8');

/** Empty forms for every form a diagram names (this test is about the flow, not the forms). */
async function formsFor(xml: string) {
  const compiled = await compileBpmn(xml);
  if (!compiled.ok) throw new Error(JSON.stringify(compiled.problems));
  const ids = Object.values(compiled.model.elements).flatMap((el) => (el.type === 'userTask' && el.formId ? [el.formId] : []));
  return Object.fromEntries(ids.map((id) => [id, { id, components: [] }]));
}

type Step = { user?: string; outcome?: string; comment?: string; data?: Record<string, unknown> };

describe('Camunda Modeler diagrams run unchanged', () => {
  let e: Engine;
  beforeAll(async () => {
    e = await startEngine('camunda');
  });
  afterAll(async () => e?.close());

  /** Completes open tasks as they appear, by element, until the case ends. Returns the completion order. */
  async function drive(caseId: string, steps: Record<string, Step | Step[]>, onIdle?: (active: string[]) => Promise<void>) {
    const order: string[] = [];
    const used = new Map<string, number>();
    for (let guard = 0; guard < 40; guard++) {
      const state = await e.state(caseId);
      if (state.status !== 'running') return order;
      const open = await e.openTasks(caseId);
      if (open.length === 0) {
        if (onIdle) await onIdle(state.activeElements);
        await new Promise((r) => setTimeout(r, 200));
        continue;
      }
      for (const task of open) {
        const spec = steps[task.elementId];
        if (!spec) throw new Error(`no step for ${task.elementId}`);
        const n = used.get(task.elementId) ?? 0;
        used.set(task.elementId, n + 1);
        const step = Array.isArray(spec) ? spec[Math.min(n, spec.length - 1)]! : spec;
        const user = task.assigneeId ?? step.user!;
        const res = await e.complete(user, task.id, { outcome: step.outcome ?? 'complete', ...(step.comment ? { comment: step.comment } : {}), data: step.data ?? {} });
        // Completing one task may withdraw others listed in the same pass (a multi-instance rule met).
        // The API says so when the withdrawal is already projected ("already cancelled"), the
        // workflow when it is not yet ("not open in this case", no status): both are the same 409 task.notOpen.
        if (res.statusCode === 409 && res.body.code === 'task.notOpen' && (res.body.params?.status ?? 'cancelled') === 'cancelled') continue;
        expect(res.statusCode, `${task.elementId} by ${user}: ${JSON.stringify(res.body)}`).toBe(200);
        order.push(task.elementId);
      }
    }
    throw new Error('case did not end');
  }

  it('complaint 客户投诉: rejected once by the manager, then approved, satisfied, archived', async () => {
    const xml = diagram('complaint');
    const deployed = await e.deploy(xml, await formsFor(xml));
    expect(deployed.statusCode, JSON.stringify(deployed.body)).toBeLessThan(300);
    const caseId = await e.start('zj.cs_agent', 'modeler-complaint');
    const order = await drive(caseId, {
      Activity_AcceptComplaint: { user: 'zj.cs_agent', data: { isValid: true } },
      Activity_Investigate: { user: 'zj.department', data: { investigator: 'zj.department' } },
      Activity_ProposeSolution: { user: 'zj.department' },
      Activity_ManagerApproval: [
        { user: 'zj.cs_manager', outcome: 'reject', comment: '方案不够具体' },
        { user: 'zj.cs_manager', outcome: 'approve' },
      ],
      Activity_ImplementSolution: { user: 'zj.department' },
      Activity_FollowUp: { user: 'zj.cs_agent', data: { satisfied: true } },
    });
    expect(order).toEqual([
      'Activity_AcceptComplaint',
      'Activity_Investigate',
      'Activity_ProposeSolution',
      'Activity_ManagerApproval',
      'Activity_ProposeSolution',
      'Activity_ManagerApproval',
      'Activity_ImplementSolution',
      'Activity_FollowUp',
    ]);
    expect((await e.result(caseId)).variables).toMatchObject({ outcome: 'complete', satisfied: true, archivedAt: expect.any(String) });
    await e.recordHistory(caseId, 'camunda-complaint');
  });

  it('repair 维修: parallel dispatch and parts, fee by script, waits for the pickup message', async () => {
    const xml = diagram('repair');
    expect((await e.deploy(xml, await formsFor(xml))).statusCode).toBeLessThan(300);
    const caseId = await e.start('zj.cs_agent', 'modeler-repair', { inWarranty: false, quotedFee: 280, customerPhone: '13800000000' });
    let pickedUp = false;
    await drive(
      caseId,
      {
        Activity_Register: { user: 'zj.cs_agent' },
        Activity_Diagnose: { user: 'zj.engineering' },
        Activity_Dispatch: { user: 'zj.cs_manager', data: { technician: 'zj.engineering' } },
        Activity_PrepareParts: { user: 'zj.engineering' },
        Activity_Repair: { user: 'zj.engineering' },
        Activity_Settle: { user: 'zj.cs_agent' },
      },
      async (active) => {
        if (!pickedUp && active.includes('Event_CustomerPickup')) {
          // The Modeler's catch event names no sender and declares no variables (SECURITY.md,
          // messages): only a system credential may send it, and it carries nothing.
          const res = await e.post('admin', `/api/cases/${encodeURIComponent(caseId)}/messages`, { messageName: 'customer-pickup' });
          expect(res.body).toEqual({ consumed: true });
          pickedUp = true;
        }
      },
    );
    expect(pickedUp).toBe(true);
    expect((await e.result(caseId)).variables).toMatchObject({ fee: 280, technician: 'zj.engineering' });
    await e.recordHistory(caseId, 'camunda-repair');
  });

  it('credit grading 信用评定: call activity, sub-process, inclusive reviews, 2-of-3 countersign; incomplete data is caught', async () => {
    const existing = await e.stack.db.query(`SELECT 1 FROM process_definition WHERE key = 'modeler-customer-info'`);
    if (existing.rows.length === 0) {
      // A stand-in for the customer-information process the diagram calls.
      const stub = bpmnXml(
        'modeler-customer-info',
        `<bpmn:startEvent id="s"/><bpmn:scriptTask id="load"><bpmn:extensionElements><zeebe:script expression="={id: customerId, isNew: true, email: &quot;buyer@example.com&quot;}" resultVariable="customer"/></bpmn:extensionElements></bpmn:scriptTask><bpmn:endEvent id="e"/>${flow('f1', 's', 'load')}${flow('f2', 'load', 'e')}`,
      );
      expect((await e.deploy(stub)).statusCode).toBe(201);
    }
    const xml = diagram('credit-grading');
    expect((await e.deploy(xml, await formsFor(xml))).statusCode).toBeLessThan(300);
    const approvers = ['zj.cs_manager', 'east.cs_manager', 'hq.general_manager'];
    const vars = { customerId: 'C001', analyst: 'zj.sales', approvers, creditLimit: 2_000_000 };

    const graded = await e.start('zj.cs_agent', 'modeler-credit-grading', vars);
    const order = await drive(graded, {
      Activity_CollectFinancials: { user: 'zj.sales', data: { financialsComplete: true } },
      Activity_Score: { data: { grade: 'AA' } },
      Activity_RiskReview: { user: 'zj.cs_manager' },
      Activity_ComplianceReview: { user: 'zj.general_manager' },
      Activity_Countersign: { outcome: 'approve' },
    });
    expect(order.filter((x) => x === 'Activity_Countersign')).toHaveLength(2);
    expect(order).toEqual(expect.arrayContaining(['Activity_RiskReview', 'Activity_ComplianceReview']));
    expect((await e.result(graded)).variables).toMatchObject({ grade: 'AA', isNewCustomer: true, outcome: 'approve', nrOfCompletedInstances: 2 });
    await e.recordHistory(graded, 'camunda-credit-grading');

    const aborted = await e.start('zj.cs_agent', 'modeler-credit-grading', vars);
    await drive(aborted, { Activity_CollectFinancials: { user: 'zj.sales', data: { financialsComplete: false } } });
    const state = await e.state(aborted);
    expect(state.completedCounts).toMatchObject({ Event_IncompleteCaught: 1, Activity_RequestDocuments: 1, Event_Aborted: 1 });
    await eventually(async () => ((await e.events(aborted)).includes('notification:Activity_RequestDocuments') ? true : undefined), 5_000, 'notification');
    await e.recordHistory(aborted, 'camunda-credit-grading-aborted');
  });
});
