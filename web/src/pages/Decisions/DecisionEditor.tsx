// Part of the lazy decision editor chunk (DecisionsPage loads it on 编辑): dmn-js's Modeler and its styles.
import 'dmn-js/dist/assets/diagram-js.css';
import 'dmn-js/dist/assets/dmn-font/css/dmn-embedded.css';
import 'dmn-js/dist/assets/dmn-js-decision-table-controls.css';
import 'dmn-js/dist/assets/dmn-js-decision-table.css';
import 'dmn-js/dist/assets/dmn-js-drd.css';
import 'dmn-js/dist/assets/dmn-js-literal-expression.css';
import 'dmn-js/dist/assets/dmn-js-shared.css';
import { Segmented } from 'antd';
import DmnModeler, { type DmnView } from 'dmn-js/lib/Modeler';
import { useEffect, useImperativeHandle, useRef, useState, type Ref } from 'react';
import { useI18n } from '../../i18n/I18nProvider';
import { elementText } from '../../lib/problems';
import { dmnTranslate } from './dmnTranslations';

export interface DecisionEditorHandle {
  /** The file as formatted DMN XML, with every edit made so far. */
  getXml(): Promise<string>;
}

interface Props {
  /** The version to start from; read once on mount. */
  initialXml: string;
  /** The file could not be opened. */
  onError: (message: string) => void;
  ref?: Ref<DecisionEditorHandle>;
}

/** The views a person edits rules in: decision tables and formulas (the requirements graph only links them). */
const editable = (v: DmnView) => v.type === 'decisionTable' || v.type === 'literalExpression';

/** dmn-js's decision table editor, one decision of the file at a time, in the console's language. */
export default function DecisionEditor({ initialXml, onError, ref }: Props) {
  const container = useRef<HTMLDivElement>(null);
  const modeler = useRef<DmnModeler | null>(null);
  const initial = useRef(initialXml);
  const errors = useRef(onError);
  useEffect(() => {
    errors.current = onError;
  });
  const { lang, t } = useI18n();
  const language = useRef(lang);
  const [views, setViews] = useState<DmnView[]>([]);
  const [active, setActive] = useState<string>();

  useEffect(() => {
    // Per view: dmn-js replaces `common.additionalModules` with each view's own list.
    const translated = { additionalModules: [{ translate: ['value', dmnTranslate(language.current)] }] };
    const m = new DmnModeler({ container: container.current!, drd: translated, decisionTable: translated, literalExpression: translated });
    modeler.current = m;
    let cancelled = false;
    m.on('views.changed', (e) => {
      const { views: all, activeView } = e as { views: DmnView[]; activeView?: DmnView };
      setViews(all.filter(editable));
      setActive(activeView?.element.id);
    });
    m.importXML(initial.current).then(
      () => {
        if (cancelled) return;
        // A file with a requirements graph opens on it; the rules are what is edited.
        const first = m.getViews().find(editable);
        if (first && !editable(m.getActiveView() ?? first)) void m.open(first);
      },
      (err: unknown) => !cancelled && errors.current(err instanceof Error ? err.message : String(err)),
    );
    return () => {
      cancelled = true;
      m.destroy();
      modeler.current = null;
    };
  }, []);

  useImperativeHandle(ref, () => ({ getXml: async () => (await modeler.current!.saveXML({ format: true })).xml }), []);

  return (
    <div className="sw-decision-editor">
      {views.length > 1 && (
        <Segmented
          value={active}
          onChange={(id) => {
            const view = views.find((v) => v.element.id === id);
            if (view) void modeler.current?.open(view);
          }}
          options={views.map((v) => ({ value: v.element.id, label: elementText({ elementId: v.element.id, elementType: 'decision', elementName: v.element.name }, t) }))}
          style={{ marginBottom: 8 }}
        />
      )}
      <div ref={container} className="sw-decision-editor-canvas" />
    </div>
  );
}
