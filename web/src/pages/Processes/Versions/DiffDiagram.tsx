// Loaded lazily with the diff (bpmn-js stays out of the other pages' bundles).
import NavigatedViewer from 'bpmn-js/lib/NavigatedViewer';
import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-font/css/bpmn.css';
import type Canvas from 'diagram-js/lib/core/Canvas';
import type ElementRegistry from 'diagram-js/lib/core/ElementRegistry';
import { useEffect, useRef, useState } from 'react';
import './versions.css';

/** A read-only diagram with the diff's markers: `markers` maps an element id to `added`, `changed`, `removed` or `moved`. */
export default function DiffDiagram({ xml, markers, label, onError }: { xml: string; markers: Record<string, 'added' | 'changed' | 'removed' | 'moved'>; label: string; onError: (message: string) => void }) {
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
    let cancelled = false;
    viewer.current?.importXML(xml).then(
      () => {
        if (cancelled) return;
        viewer.current?.get<Canvas>('canvas').zoom('fit-viewport', 'auto' as never);
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
    registry.forEach((el) => KINDS.forEach((k) => canvas.removeMarker(el.id, `sw-diff-${k}`)));
    for (const [id, kind] of Object.entries(markers)) if (registry.get(id)) canvas.addMarker(id, `sw-diff-${kind}`);
  }, [imported, xml, markers]);

  return <div ref={container} className="sw-diff-canvas" role="img" aria-label={label} />;
}

const KINDS = ['added', 'changed', 'removed', 'moved'] as const;
