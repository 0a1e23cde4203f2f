// Loaded with React.lazy (see DiagramPanel): bpmn-js and its styles stay out of the inbox bundle.
import NavigatedViewer from 'bpmn-js/lib/NavigatedViewer';
import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-font/css/bpmn.css';
import type Canvas from 'diagram-js/lib/core/Canvas';
import type ElementRegistry from 'diagram-js/lib/core/ElementRegistry';
import type Overlays from 'diagram-js/lib/features/overlays/Overlays';
import { useEffect, useRef, useState } from 'react';
import './diagram.css';

export interface DiagramViewerProps {
  xml: string;
  /** Elements the case is at now: outlined (`sw-active`). */
  activeElements: string[];
  /** This task's element: outlined more strongly (`sw-current`). */
  currentElement?: string;
  /** How often each element completed: small count badges. */
  completedCounts: Record<string, number>;
  /** Accessible name of the diagram. */
  label: string;
  /** Accessible name of the fit-to-view button. */
  fitLabel: string;
  onError: (message: string) => void;
}

const MARKERS = ['sw-active', 'sw-current', 'sw-done'] as const;
const OVERLAY_TYPE = 'sw-count';

/** A read-only, pannable/zoomable BPMN diagram with the case's position highlighted. */
export default function DiagramViewer({ xml, activeElements, currentElement, completedCounts, label, fitLabel, onError }: DiagramViewerProps) {
  const container = useRef<HTMLDivElement>(null);
  const viewer = useRef<NavigatedViewer | null>(null);
  const [imported, setImported] = useState<string | null>(null);
  const onErrorRef = useRef(onError);
  useEffect(() => {
    onErrorRef.current = onError;
  });

  useEffect(() => {
    const v = new NavigatedViewer({ container: container.current! });
    viewer.current = v;
    return () => {
      v.destroy();
      viewer.current = null;
    };
  }, []);

  useEffect(() => {
    const v = viewer.current;
    if (!v) return;
    let cancelled = false;
    v.importXML(xml).then(
      () => {
        if (cancelled) return;
        v.get<Canvas>('canvas').zoom('fit-viewport', 'auto' as never);
        setImported(xml);
      },
      (err: unknown) => !cancelled && onErrorRef.current(err instanceof Error ? err.message : String(err)),
    );
    return () => {
      cancelled = true;
    };
  }, [xml]);

  useEffect(() => {
    const v = viewer.current;
    if (!v || imported !== xml) return;
    const canvas = v.get<Canvas>('canvas');
    const registry = v.get<ElementRegistry>('elementRegistry');
    const overlays = v.get<Overlays>('overlays');
    const present = (id: string) => Boolean(registry.get(id));
    registry.forEach((el) => MARKERS.forEach((m) => canvas.removeMarker(el.id, m)));
    overlays.remove({ type: OVERLAY_TYPE });
    for (const [id, n] of Object.entries(completedCounts)) {
      if (!present(id) || n <= 0) continue;
      canvas.addMarker(id, 'sw-done');
      const badge = document.createElement('span');
      badge.className = 'sw-count-badge';
      badge.textContent = String(n);
      badge.title = `× ${n}`;
      overlays.add(id, OVERLAY_TYPE, { position: { bottom: 12, right: 12 }, html: badge });
    }
    for (const id of activeElements) if (present(id)) canvas.addMarker(id, 'sw-active');
    if (currentElement && present(currentElement)) canvas.addMarker(currentElement, 'sw-current');
  }, [imported, xml, activeElements, currentElement, completedCounts]);

  const fit = () => viewer.current?.get<Canvas>('canvas').zoom('fit-viewport', 'auto' as never);

  return (
    <div className="sw-diagram-wrap">
      <div ref={container} className="sw-diagram" role="img" aria-label={label} />
      <button type="button" className="sw-diagram-fit" onClick={fit} aria-label={fitLabel} title={fitLabel}>
        ⤢
      </button>
    </div>
  );
}
