import type { FormJsSchema } from '../../../../../contract';

// A process never deployed has no server draft (drafts are kept per deployed process, issue 18
// §4): what the owner draws in 新建流程 is kept in this browser instead, per user, so a reload or
// a closed tab loses nothing until it is deployed or discarded.

export interface NewProcessDraft {
  xml: string;
  forms: Record<string, FormJsSchema>;
  savedAt: string;
}

const storageKey = (userId: string) => `shouwen.newProcessDraft.${userId}`;

export function readNewProcessDraft(storage: Pick<Storage, 'getItem'>, userId: string): NewProcessDraft | null {
  try {
    const d = JSON.parse(storage.getItem(storageKey(userId)) ?? 'null') as Partial<NewProcessDraft> | null;
    if (!d || typeof d.xml !== 'string' || !d.xml.includes('<') || typeof d.savedAt !== 'string') return null;
    const forms = d.forms && typeof d.forms === 'object' && !Array.isArray(d.forms) ? d.forms : {};
    return { xml: d.xml, forms, savedAt: d.savedAt };
  } catch {
    // something else wrote the key, or a half-written value: no draft rather than a broken editor
    return null;
  }
}

export function saveNewProcessDraft(storage: Pick<Storage, 'setItem'>, userId: string, draft: NewProcessDraft): void {
  try {
    storage.setItem(storageKey(userId), JSON.stringify(draft));
  } catch {
    // storage full or disabled: the page's leave-warning still guards the unsaved work
  }
}

export function dropNewProcessDraft(storage: Pick<Storage, 'removeItem'>, userId: string): void {
  storage.removeItem(storageKey(userId));
}
