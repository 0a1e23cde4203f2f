import { Alert, Skeleton } from 'antd';
import { useEffect, useImperativeHandle, useRef, useState, type Ref } from 'react';
import type { FormJsSchema } from '../../../../contract';
import { useI18n } from '../../i18n/I18nProvider';
import type { FormJsController } from './FormJsController';
import { formJsIfLoaded, loadFormJs } from './loadFormJs';

export interface TaskFormHandle {
  /** Validates; null while the form is still loading. */
  submit(): { data: Record<string, unknown>; errorCount: number } | null;
  /** Server field errors by data path; returns the paths no field carries. */
  showErrors(byPath: Record<string, string[]>): string[];
  focusFirstError(): void;
}

interface Props {
  schema: FormJsSchema;
  /** Case variables; the form's keys are pre-filled from them. */
  variables: Record<string, unknown>;
  readOnly: boolean;
  ref?: Ref<TaskFormHandle>;
}

/**
 * The step's form, rendered by the form-js viewer (loaded on demand). The Form is created once per mount and the
 * schema imported once: refreshed task data must not wipe what the approver typed. Mount it with a `key` per task.
 */
export function TaskForm({ schema, variables, readOnly, ref }: Props) {
  const { t, lang } = useI18n();
  // The form is created once; it reads the current language through this ref.
  const language = useRef({ t, lang });
  language.current = { t, lang };
  const container = useRef<HTMLDivElement>(null);
  const controller = useRef<FormJsController | null>(null);
  const initial = useRef({ schema, variables, readOnly });
  const [state, setState] = useState<'loading' | 'ready' | 'error'>('loading');
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    let created: FormJsController | null = null;
    const start = async ({ FormJsController }: typeof import('./FormJsController')) => {
      if (cancelled || !container.current) return;
      created = new FormJsController(container.current, () => language.current);
      controller.current = created;
      const { schema: s, variables: v, readOnly: ro } = initial.current;
      await created.load(s, v, ro);
      if (!cancelled) setState('ready');
    };
    const failed = (err: unknown) => {
      if (cancelled) return;
      setError(err instanceof Error ? err.message : String(err));
      setState('error');
    };
    // Preloaded (the inbox warms it): the form is imported now, before the diagram's effect runs, so it renders first.
    const module = formJsIfLoaded();
    (module ? start(module) : loadFormJs().then(start)).catch(failed);
    return () => {
      cancelled = true;
      created?.destroy();
      controller.current = null;
    };
  }, []);

  useEffect(() => {
    if (state === 'ready') controller.current?.setReadOnly(readOnly);
  }, [readOnly, state]);

  useImperativeHandle(
    ref,
    () => ({
      submit: () => (state === 'ready' && controller.current ? controller.current.submit() : null),
      showErrors: (byPath) => controller.current?.showErrors(byPath) ?? Object.keys(byPath),
      focusFirstError: () => controller.current?.focusFirstError(),
    }),
    [state],
  );

  return (
    <div className="sw-form" aria-busy={state === 'loading'}>
      {state === 'loading' && <Skeleton active paragraph={{ rows: 4 }} />}
      {state === 'error' && <Alert type="error" showIcon title={t('task.formFailed')} description={error} />}
      <div ref={container} />
    </div>
  );
}
