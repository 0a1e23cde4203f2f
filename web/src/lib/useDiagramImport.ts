import type NavigatedViewer from 'bpmn-js/lib/NavigatedViewer';
import type Canvas from 'diagram-js/lib/core/Canvas';
import { useEffect, useRef, useState, type RefObject } from 'react';

/**
 * Imports `xml` into the viewer whenever it changes and fits it to the viewport; returns the XML
 * the viewer shows now (null before the first import), so markers wait for their diagram. A newer
 * XML arriving mid-import wins; `onImported` runs after each import, `onError` on a bad one.
 */
export function useDiagramImport(viewer: RefObject<NavigatedViewer | null>, xml: string, onError: (message: string) => void, onImported?: () => void): string | null {
  const [imported, setImported] = useState<string | null>(null);
  const callbacks = useRef({ onError, onImported });
  useEffect(() => {
    callbacks.current = { onError, onImported };
  });
  useEffect(() => {
    const v = viewer.current;
    if (!v) return;
    let cancelled = false;
    v.importXML(xml).then(
      () => {
        if (cancelled) return;
        callbacks.current.onImported?.();
        v.get<Canvas>('canvas').zoom('fit-viewport', 'auto' as never);
        setImported(xml);
      },
      (err: unknown) => !cancelled && callbacks.current.onError(err instanceof Error ? err.message : String(err)),
    );
    return () => {
      cancelled = true;
    };
  }, [viewer, xml]);
  return imported;
}
