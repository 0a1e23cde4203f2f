import { compileBpmn } from '../../bpmn/compile';
import { createDecisionRepository } from '../../db/decisions';
import { migrate } from '../../db/migrate';
import { createPool } from '../../db/pool';
import { createProcessRepository } from '../../db/processes';
import { createDecisionService, deployShippedDecisions } from '../../server/services/decision-service';
import { createProcessService } from '../../server/services/process-service';
import { deployShippedProcesses } from '../../server/services/shipped-processes';
import { seedDemoData } from '../demo/seed';
import { createDatabase } from './postgres';

// One Shouwen database for one leg of the rehearsal: migrated, the demo organisation seeded, the
// shipped processes deployed, and a two-step approval (approve → next task needs two steps, as
// bench B2 measures it; demo-approval has one).

export const TWO_STEPS = 'rehearsal-two-steps';
const NS = 'xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" xmlns:shouwen="http://shouwen.dev/schema/bpmn/1.0"';
const step = (id: string, name: string) =>
  `<bpmn:userTask id="${id}" name="${name}" shouwen:outcomes="approve,reject"><bpmn:extensionElements><zeebe:assignmentDefinition candidateGroups="cs_manager"/></bpmn:extensionElements></bpmn:userTask>`;
const TWO_STEPS_XML = `<?xml version="1.0"?><bpmn:definitions ${NS} id="d" targetNamespace="rehearsal"><bpmn:process id="${TWO_STEPS}" name="演练两级审批" isExecutable="true">
<bpmn:startEvent id="s"/>${step('first', '初审')}${step('second', '复审')}<bpmn:endEvent id="e"/>
<bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="first"/><bpmn:sequenceFlow id="f2" sourceRef="first" targetRef="second"/><bpmn:sequenceFlow id="f3" sourceRef="second" targetRef="e"/>
</bpmn:process></bpmn:definitions>`;

export async function prepareShouwenDatabase(adminUrl: string, name: string) {
  const databaseUrl = await createDatabase(adminUrl, name);
  const db = createPool(databaseUrl, 8);
  await migrate(db);
  await seedDemoData(db, { cheapDemoPasswords: true });
  const decisions = createDecisionRepository(db);
  await deployShippedDecisions(createDecisionService(decisions));
  await deployShippedProcesses(createProcessService(createProcessRepository(db), undefined, () => decisions.decisionIds()));
  const compiled = await compileBpmn(TWO_STEPS_XML);
  if (!compiled.ok) throw new Error(JSON.stringify(compiled.problems));
  await createProcessRepository(db).deploy({ key: TWO_STEPS, name: '演练两级审批', hash: compiled.model.hash, xml: TWO_STEPS_XML, model: compiled.model, forms: {}, deployedBy: null });
  return { databaseUrl, db };
}
