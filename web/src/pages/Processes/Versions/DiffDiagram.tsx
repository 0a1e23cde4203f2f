// Loaded lazily with the diff (bpmn-js stays out of the other pages' bundles).
import NavigatedViewer from 'bpmn-js/lib/NavigatedViewer';
import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-font/css/bpmn.css';
import type Canvas from 'diagram-js/lib/core/Canvas';
import type ElementRegistry from 'diagram-js/lib/core/ElementRegistry';
import { useEffect, useRef } from 'react';
import { useDiagramImport } from '../../../lib/useDiagramImport';
import './versions.css';

/** A read-only diagram with the diff's markers: `markers` maps an element id to `added`, `changed`, `removed` or `moved`. */
export default function DiffDiagram({ xml, markers, label, onError }: { xml: string; markers: Record<string, 'added' | 'changed' | 'removed' | 'moved'>; label: string; onError: (message: string) => void }) {
  const container = useRef<HTMLDivElement>(null);
  const viewer = useRef<NavigatedViewer | null>(null);

  useEffect(() => {
    const v = new NavigatedViewer({ container: container.current! });
    viewer.current = v;
    return () => {
      v.destroy();
      viewer.current = null;
    };
  }, []);

  const imported = useDiagramImport(viewer, xml, onError);

  useEffect(() => {
    const v = viewer.current;
    if (!v || imported !== xml) return;
    const canvas = v.get<Canvas>('canvas');
    const registry = v.get<ElementRegistry>('elementRegistry');
    registry.forEach((el) => KINDS.forEach((k) => canvas.removeMarker(el.id, `sw-diff-${k}`)));
    for (const [id, kind] of Object.entries(markers)) if (registry.get(id)) canvas.addMarker(id, `sw-diff-${kind}`);
  }, [imported, xml, markers]);

  return <div ref={container} className="sw-diff-canvas" role="img" aria-label={label} />;
}

const KINDS = ['added', 'changed', 'removed', 'moved'] as const;
