import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { FormSchema } from '../../bpmn/form-data';
import type { ProcessService } from './process-service';

const PROCESSES_DIR = fileURLToPath(new URL('../../bpmn/processes/', import.meta.url));
const FORMS_DIR = fileURLToPath(new URL('../../bpmn/forms/', import.meta.url));
/** The change note of a version the product itself deploys: it changed with a release, not by an owner. */
export const SHIPPED_CHANGE_NOTE = '随产品发布';

async function filesIn(dir: string, ext: string): Promise<string[]> {
  try {
    return (await readdir(dir)).filter((f) => f.endsWith(ext)).sort();
  } catch {
    return [];
  }
}

/** The forms shipped in bpmn/forms/, by their `id`. */
export async function loadShippedForms(dir = FORMS_DIR): Promise<Record<string, FormSchema>> {
  const forms: Record<string, FormSchema> = {};
  for (const file of await filesIn(dir, '.form')) {
    const form = JSON.parse(await readFile(`${dir}/${file}`, 'utf8')) as FormSchema & { id?: string };
    forms[form.id ?? file.replace(/\.form$/, '')] = form;
  }
  return forms;
}

/**
 * Deploys the diagrams shipped in bpmn/processes/ (with the shipped forms). Idempotent: unchanged
 * diagrams keep their version, changed ones become a new version, so every start may call it.
 * Callers are deployed after the processes they call, by retrying those that failed on an unknown key.
 */
export async function deployShippedProcesses(service: ProcessService, dir = PROCESSES_DIR): Promise<Array<{ file: string; key: string; version: number; created: boolean }>> {
  const forms = await loadShippedForms();
  let pending = await filesIn(dir, '.bpmn');
  const done: Array<{ file: string; key: string; version: number; created: boolean }> = [];
  let failures: string[] = [];
  while (pending.length) {
    const retry: string[] = [];
    failures = [];
    for (const file of pending) {
      const result = await service.deploy(await readFile(`${dir}/${file}`, 'utf8'), forms, null, SHIPPED_CHANGE_NOTE);
      if (result.ok) done.push({ file, key: result.process.key, version: result.process.version, created: result.created });
      else {
        retry.push(file);
        failures.push(`${file}:\n${result.problems.map((p) => `  ${p.elementId || '-'}: ${p.message}`).join('\n')}`);
      }
    }
    if (retry.length === pending.length) throw new Error(`Shipped processes do not compile:\n${failures.join('\n')}`);
    pending = retry;
  }
  return done;
}
