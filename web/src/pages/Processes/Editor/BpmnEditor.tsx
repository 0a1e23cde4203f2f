// Part of the lazy editor chunk (see App.tsx): bpmn-js Modeler, the Camunda 8 properties panel and their styles.
import '@bpmn-io/properties-panel/dist/assets/properties-panel.css';
import 'bpmn-js/dist/assets/bpmn-font/css/bpmn.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import 'bpmn-js/dist/assets/diagram-js.css';
import Modeler from 'bpmn-js/lib/Modeler';
import { BpmnPropertiesPanelModule, BpmnPropertiesProviderModule, ZeebePropertiesProviderModule } from 'bpmn-js-properties-panel';
import ZeebeBehaviorsModule from 'camunda-bpmn-js-behaviors/lib/camunda-cloud';
import type Canvas from 'diagram-js/lib/core/Canvas';
import type ElementRegistry from 'diagram-js/lib/core/ElementRegistry';
import type Selection from 'diagram-js/lib/features/selection/Selection';
import { useEffect, useImperativeHandle, useRef, type Ref } from 'react';
import zeebeModdle from 'zeebe-bpmn-moddle/resources/zeebe.json';
import shouwenModdle from '../../../../../bpmn/shouwen-moddle.json';
import { formLabel, type FormUse } from './diagramForms';
import { formUsesOf, type FormCatalog } from './formLinks';
import { ShouwenPropertiesModule } from './shouwenProperties';
import { ShouwenTaskPropertiesModule, type PeopleCatalog } from './shouwenTaskProperties';
import type { Person } from './shouwenTaskRules';
import { FeelErrorsModule } from './feelErrors';
import { lintDiagram, type LintFinding } from './lintRules';
import { SupportedOnlyModule } from './supportedOnly';
import { TranslatedGroupsModule } from './translatedGroups';
import './editor.css';
import { useI18n } from '../../../i18n/I18nProvider';
import { elementLabel } from '../../../lib/problems';
import { editorTranslate } from './editorTranslations';

export interface BpmnEditorHandle {
  /** The diagram as formatted BPMN XML. */
  getXml(): Promise<string>;
  /** Replaces the diagram (an imported file); rejects with the parser's message, the old diagram stays. */
  importXml(xml: string): Promise<void>;
  /** Selects and scrolls to an element; false when the diagram has no such element. */
  focusElement(elementId: string): boolean;
  /** The id of the (first) process in the diagram, for file names. */
  processId(): string | null;
  /** The steps that name a form. */
  formUses(): FormUse[];
}

interface Props {
  /** The diagram to start from; read once on mount (mount with a `key` to start over). */
  initialXml: string;
  /** Elements with problems get a red marker. */
  problemIds: readonly string[];
  /** After every change on the canvas or in the properties panel. */
  onChange: () => void;
  /** The initial diagram could not be imported. */
  onError: (message: string) => void;
  label: string;
  /** The forms the properties panel's form picker offers. */
  formIds: readonly string[];
  /** The people the 首问任务设置 assignee picker offers. */
  people?: readonly Person[];
  /** The lint rules' findings (lintRules.ts), after the import and shortly after each change. */
  onLint?: (findings: LintFinding[]) => void;
  ref?: Ref<BpmnEditorHandle>;
}

const PROBLEM_MARKER = 'sw-problem';
const LINT_DELAY_MS = 300;
const NO_PEOPLE: readonly Person[] = [];

/** bpmn-js Modeler with the Camunda 8 (zeebe) properties panel beside it. */
export default function BpmnEditor({ initialXml, problemIds, onChange, onError, label, formIds, onLint, people = NO_PEOPLE, ref }: Props) {
  const canvasEl = useRef<HTMLDivElement>(null);
  const panelEl = useRef<HTMLDivElement>(null);
  const modeler = useRef<Modeler | null>(null);
  const marked = useRef<string[]>([]);
  const callbacks = useRef({ onChange, onError, onLint });
  useEffect(() => {
    callbacks.current = { onChange, onError, onLint };
  });
  const initial = useRef(initialXml);
  // The modeler is built once per mount; its labels take the language it was opened in.
  const { lang, t } = useI18n();
  const language = useRef(lang);
  const forms = useRef(formIds);
  // A form is named as the 表单 drawer names it, by the steps showing it now (the diagram as it is
  // when the picker opens, not as imported), in the language the editor was opened in.
  const catalog = useRef<FormCatalog>({
    forms: () => {
      const registry = modeler.current?.get<ElementRegistry>('elementRegistry');
      const uses = registry ? formUsesOf(registry.getAll() as never) : [];
      return forms.current.map((id) => ({ id, name: formLabel(uses.filter((u) => u.formId === id), (u) => elementLabel({ ...u, elementName: u.name }, t), t) }));
    },
  });
  const peopleNow = useRef(people);
  const peopleCatalog = useRef<PeopleCatalog>({ list: () => peopleNow.current });

  useEffect(() => {
    const m = new Modeler({
      container: canvasEl.current!,
      propertiesPanel: { parent: panelEl.current! },
      additionalModules: [BpmnPropertiesPanelModule, BpmnPropertiesProviderModule, ZeebePropertiesProviderModule, ZeebeBehaviorsModule, ShouwenPropertiesModule, ShouwenTaskPropertiesModule, FeelErrorsModule, SupportedOnlyModule, TranslatedGroupsModule, { translate: ['value', editorTranslate(language.current)], shouwenForms: ['value', catalog.current], shouwenPeople: ['value', peopleCatalog.current] }],
      moddleExtensions: { zeebe: zeebeModdle, shouwen: shouwenModdle },
    });
    modeler.current = m;
    // StrictMode (dev and test builds) mounts twice: the first modeler is destroyed mid-import and must stay quiet.
    let cancelled = false;
    m.on('commandStack.changed', () => callbacks.current.onChange());
    // Linting is local and quick, but not per keystroke: once the owner pauses.
    let lintTimer: ReturnType<typeof setTimeout> | undefined;
    const lint = () => {
      if (lintTimer) clearTimeout(lintTimer);
      lintTimer = setTimeout(() => {
        if (cancelled || !callbacks.current.onLint) return;
        const definitions = (m as unknown as { getDefinitions(): unknown }).getDefinitions();
        if (definitions) void lintDiagram(definitions).then((f) => !cancelled && callbacks.current.onLint?.(f), () => undefined);
      }, LINT_DELAY_MS);
    };
    m.on('commandStack.changed', lint);
    m.on('import.done', lint);
    m.importXML(initial.current).then(
      () => !cancelled && m.get<Canvas>('canvas').zoom('fit-viewport', 'auto' as never),
      (err: unknown) => !cancelled && callbacks.current.onError(err instanceof Error ? err.message : String(err)),
    );
    return () => {
      cancelled = true;
      if (lintTimer) clearTimeout(lintTimer);
      m.destroy();
      modeler.current = null;
    };
  }, []);

  // People arrive after the modeler: the panel redraws the selected element's entries with them.
  useEffect(() => {
    peopleNow.current = people;
    const m = modeler.current;
    const selected = m?.get<Selection>('selection').get() ?? [];
    if (m && selected.length) m.get<{ fire(event: string, data: unknown): void }>('eventBus').fire('elements.changed', { elements: selected });
  }, [people]);

  // A form created in the drawer is offered at once: the panel redraws the selected element's entries.
  useEffect(() => {
    forms.current = formIds;
    const m = modeler.current;
    const selected = m?.get<Selection>('selection').get() ?? [];
    if (m && selected.length) m.get<{ fire(event: string, data: unknown): void }>('eventBus').fire('elements.changed', { elements: selected });
  }, [formIds]);

  const applyMarkers = (ids: readonly string[]) => {
    const m = modeler.current;
    if (!m) return;
    const canvas = m.get<Canvas>('canvas');
    const registry = m.get<ElementRegistry>('elementRegistry');
    for (const id of marked.current) if (registry.get(id)) canvas.removeMarker(id, PROBLEM_MARKER);
    marked.current = ids.filter((id) => id && registry.get(id));
    for (const id of marked.current) canvas.addMarker(id, PROBLEM_MARKER);
  };

  useEffect(() => {
    applyMarkers(problemIds);
    // Markers are per imported diagram: re-apply after an import.
    const m = modeler.current;
    if (!m) return;
    const reapply = () => {
      marked.current = [];
      applyMarkers(problemIds);
    };
    m.on('import.done', reapply);
    return () => m.off('import.done', reapply);
  }, [problemIds]);

  useImperativeHandle(
    ref,
    () => ({
      async getXml() {
        const { xml } = await modeler.current!.saveXML({ format: true });
        return xml ?? '';
      },
      async importXml(xml: string) {
        const m = modeler.current!;
        const { xml: previous } = await m.saveXML();
        try {
          await m.importXML(xml);
          m.get<Canvas>('canvas').zoom('fit-viewport', 'auto' as never);
        } catch (err) {
          if (previous) await m.importXML(previous).catch(() => undefined);
          throw err;
        }
      },
      focusElement(elementId: string) {
        const m = modeler.current;
        const el = m?.get<ElementRegistry>('elementRegistry').get(elementId);
        if (!m || !el) return false;
        m.get<Canvas>('canvas').scrollToElement(el, 80);
        m.get<Selection>('selection').select(el);
        return true;
      },
      processId() {
        const m = modeler.current;
        const root = m?.get<Canvas>('canvas').getRootElement() as { businessObject?: { id?: string; $type?: string; processRef?: { id?: string } } } | undefined;
        const bo = root?.businessObject;
        if (!bo) return null;
        if (bo.$type === 'bpmn:Process') return bo.id ?? null;
        const participant = m?.get<ElementRegistry>('elementRegistry').find((e) => (e as { type?: string }).type === 'bpmn:Participant') as
          | { businessObject?: { processRef?: { id?: string } } }
          | undefined;
        return participant?.businessObject?.processRef?.id ?? null;
      },
      formUses() {
        const registry = modeler.current?.get<ElementRegistry>('elementRegistry');
        return registry ? formUsesOf(registry.getAll() as never) : [];
      },
    }),
    [],
  );

  return (
    <div className="sw-editor">
      <div ref={canvasEl} className="sw-editor-canvas" role="application" aria-label={label} />
      <div ref={panelEl} className="sw-editor-panel" />
    </div>
  );
}
