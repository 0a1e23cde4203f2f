import { useEffect, useRef, useState } from 'react';
import type { FormJsSchema, ProcessDraft } from '../../../../../contract';
import { ApiError } from '../../../api/http';
import { saveProcessDraft } from '../../../api/useProcessDraft.query';
import { createLiveCheck } from '../Editor/liveCheck';

export type DraftState =
  | { status: 'none' }
  | { status: 'saving' }
  | { status: 'saved'; savedAt: string }
  /** Someone else saved since this editor read the draft: saving stops until the owner reloads. */
  | { status: 'conflict'; savedByName: string; savedAt: string }
  | { status: 'failed'; error: unknown };

/** Quiet time after the last change before the draft is saved. */
const DRAFT_DELAY_MS = 1500;

/**
 * Saves the editor's diagram as the process's server draft (issue 18 §4), debounced like the live
 * check and one request at a time, naming the revision last read so two owners never overwrite
 * each other unseen. Only for deployed processes (`processKey`); a new one has no draft yet.
 */
export function useServerDraft(o: { processKey?: string; baseVersion?: number; revision: number; forms?: Record<string, FormJsSchema>; getXml: () => Promise<string> }) {
  const [state, setState] = useState<DraftState>({ status: 'none' });
  const revision = useRef(o.revision);
  const latest = useRef(o);
  useEffect(() => {
    latest.current = o;
  });
  const blocked = useRef(false);
  const saver = useRef<ReturnType<typeof createLiveCheck> | null>(null);
  useEffect(() => {
    const s = createLiveCheck(async () => {
      const { processKey, baseVersion, forms, getXml } = latest.current;
      if (!processKey || blocked.current) return;
      setState({ status: 'saving' });
      try {
        const draft: ProcessDraft = await saveProcessDraft(processKey, { xml: await getXml(), forms, baseVersion: baseVersion ?? null, revision: revision.current });
        revision.current = draft.revision;
        setState({ status: 'saved', savedAt: draft.savedAt });
      } catch (error) {
        const p = error instanceof ApiError ? error.problem : undefined;
        if (p?.code === 'process.draftConflict' || p?.code === 'process.draftGone') {
          blocked.current = true;
          setState({ status: 'conflict', savedByName: String(p.params?.savedByName ?? ''), savedAt: String(p.params?.savedAt ?? '') });
        } else setState({ status: 'failed', error });
      }
    }, DRAFT_DELAY_MS);
    saver.current = s;
    return () => s.stop();
  }, []);

  return {
    state,
    /** After every change of the diagram. */
    schedule: () => {
      if (latest.current.processKey) saver.current?.schedule();
    },
    /** The revision to name when discarding (0: none saved by this editor or read at opening). */
    revision: () => revision.current,
    /** After a deploy: the draft is the version now; no further saves from this editor. */
    stop: () => {
      blocked.current = true;
      saver.current?.stop();
      setState({ status: 'none' });
    },
  };
}
