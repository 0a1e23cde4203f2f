// One form in the form-js editor (palette, canvas, its own properties panel) with a live preview in
// the viewer the task page uses (FormJsController: same validation and translated texts).
import '@bpmn-io/form-js/dist/assets/form-js-editor.css';
import { FormEditor } from '@bpmn-io/form-js';
import { useEffect, useRef } from 'react';
import type { FormJsSchema } from '../../../../../contract';
import { useI18n } from '../../../i18n/I18nProvider';
import { FormJsController } from '../../Task/FormJsController';
import { translateFormEditorText, translateFormEditorTitle } from './formEditorTranslations.zh';
import './formEditor.css';

interface Props {
  /** The form to start from; read once on mount (mount with a `key` per form). */
  schema: FormJsSchema;
  /** After every change, with the whole schema as form-js saves it. */
  onChange: (schema: FormJsSchema) => void;
  onError: (message: string) => void;
}

/** Where the editor's fixed English texts sit; a field's own label or text on the canvas is the author's and stays as written. */
const FIXED_TEXT = '.fjs-palette-container, .fjs-editor-properties-container, .fjs-empty-editor, .fjs-empty-component';
const AUTHOR_TEXT = '.bio-properties-panel-header-label';

function translateEditorDom(root: HTMLElement): void {
  for (const area of root.querySelectorAll<HTMLElement>(FIXED_TEXT)) {
    const walker = document.createTreeWalker(area, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.parentElement?.closest(AUTHOR_TEXT)) continue;
      const zh = node.nodeValue && translateFormEditorText(node.nodeValue);
      if (zh && zh !== node.nodeValue) node.nodeValue = zh;
    }
  }
  for (const el of root.querySelectorAll<HTMLElement>('[title], [aria-label], .fjs-palette-search[placeholder]')) {
    for (const attr of ['title', 'aria-label', 'placeholder']) {
      const value = el.getAttribute(attr);
      const zh = value && translateFormEditorTitle(value);
      if (zh && zh !== value) el.setAttribute(attr, zh);
    }
  }
}

export default function FormSchemaEditor({ schema, onChange, onError }: Props) {
  const { lang, t } = useI18n();
  const editorEl = useRef<HTMLDivElement>(null);
  const previewEl = useRef<HTMLDivElement>(null);
  const callbacks = useRef({ onChange, onError });
  useEffect(() => {
    callbacks.current = { onChange, onError };
  });
  const initial = useRef(schema);
  const language = useRef({ lang, t });
  language.current = { lang, t };

  useEffect(() => {
    const editor = new FormEditor({ container: editorEl.current! });
    const preview = new FormJsController(previewEl.current!, () => language.current);
    let cancelled = false;
    let previewTimer: ReturnType<typeof setTimeout> | undefined;
    const showPreview = (s: FormJsSchema) => {
      clearTimeout(previewTimer);
      // the viewer re-imports the whole form: once typing pauses, not per key
      previewTimer = setTimeout(() => void preview.load(s, {}, false).catch(() => undefined), 300);
    };
    const observer = new MutationObserver(() => language.current.lang === 'zh-CN' && translateEditorDom(editorEl.current!));
    observer.observe(editorEl.current!, { subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ['title', 'aria-label', 'placeholder'] });
    // What the editor saves right after import (it adds its exporter and schema version): merely opening a form is no change.
    let baseline: string | null = null;
    editor.on('changed', () => {
      if (cancelled || baseline === null) return;
      const saved = editor.saveSchema() as FormJsSchema;
      if (JSON.stringify(saved) === baseline) return;
      callbacks.current.onChange(saved);
      showPreview(saved);
    });
    editor.importSchema(initial.current).then(
      () => {
        if (cancelled) return;
        baseline = JSON.stringify(editor.saveSchema());
        if (language.current.lang === 'zh-CN') translateEditorDom(editorEl.current!);
        showPreview(initial.current);
      },
      (err: unknown) => !cancelled && callbacks.current.onError(err instanceof Error ? err.message : String(err)),
    );
    return () => {
      cancelled = true;
      clearTimeout(previewTimer);
      observer.disconnect();
      editor.destroy();
      preview.destroy();
    };
  }, []);

  return (
    <div className="sw-form-editor">
      <div ref={editorEl} className="sw-form-editor-main" />
      <section className="sw-form-editor-preview" aria-label={t('formEditor.preview')}>
        <h5>{t('formEditor.preview')}</h5>
        <div ref={previewEl} />
      </section>
    </div>
  );
}
