import { ApplicationFailure } from '@temporalio/activity';
import type { ProcessModel } from '../bpmn/model';
import type { FormSchema } from '../bpmn/form-data';
import type { Db } from '../db/pool';
import { createProcessRepository } from '../db/processes';

export interface ResolvedProcess {
  model: ProcessModel;
  version: number;
  forms: Record<string, FormSchema>;
}

export function createProcessActivities({ db }: { db: Db }) {
  const processes = createProcessRepository(db);
  return {
    /** The latest deployed version of a process, for a call activity's child case. */
    async resolveLatestProcess(key: string): Promise<ResolvedProcess> {
      const found = await processes.get(key);
      if (!found) throw ApplicationFailure.nonRetryable(`No deployed process with key "${key}".`, 'ProcessNotDeployed');
      return { model: found.model, version: found.version, forms: found.forms };
    },
  };
}
