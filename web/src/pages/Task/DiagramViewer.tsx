// Loaded with React.lazy (see DiagramPanel): bpmn-js and its styles stay out of the inbox bundle.
import { CompressOutlined, FullscreenExitOutlined, FullscreenOutlined, ZoomInOutlined, ZoomOutOutlined } from '@ant-design/icons';
import { Button, Modal, Tooltip } from 'antd';
import NavigatedViewer from 'bpmn-js/lib/NavigatedViewer';
import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-font/css/bpmn.css';
import type Canvas from 'diagram-js/lib/core/Canvas';
import type ElementRegistry from 'diagram-js/lib/core/ElementRegistry';
import type EventBus from 'diagram-js/lib/core/EventBus';
import type Overlays from 'diagram-js/lib/features/overlays/Overlays';
import type ZoomScroll from 'diagram-js/lib/navigation/zoomscroll/ZoomScroll';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useDiagramImport } from '../../lib/useDiagramImport';
import { useI18n } from '../../i18n/I18nProvider';
import { attachTouchNavigation, openingView } from './diagramNavigation';
import './diagram.css';

export interface DiagramViewerProps {
  xml: string;
  /** Elements the case is at now: outlined (`sw-active`). */
  activeElements: string[];
  /** This task's element: outlined more strongly (`sw-current`). */
  currentElement?: string;
  /** How often each element completed: small count badges. */
  completedCounts: Record<string, number>;
  /** Process analytics: a heat level 1–4 per element (a coloured fill) and a figure shown on it. */
  heat?: Record<string, { level: number; badge: string; title: string }>;
  /** An element was clicked (its id), e.g. to list the cases that reached it. */
  onElementClick?: (elementId: string) => void;
  /** Accessible name of the diagram. */
  label: string;
  /** The full-screen view's title (else the accessible name). */
  title?: string;
  onError: (message: string) => void;
}

/** A read-only diagram with zoom buttons and a full-screen view (a modal over the whole window). */
export default function DiagramViewer(props: DiagramViewerProps) {
  const [fullscreen, setFullscreen] = useState(false);
  // Esc leaves full screen and nothing else, even while focus is still on the button that opened it
  // (the task page's Esc, back to the inbox, skips keys whose default was prevented).
  useEffect(() => {
    if (!fullscreen) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      e.preventDefault();
      setFullscreen(false);
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [fullscreen]);
  return (
    <>
      <DiagramCanvas {...props} onFullscreen={() => setFullscreen(true)} />
      {fullscreen && (
        <Modal
          open
          title={props.title ?? props.label}
          footer={null}
          onCancel={() => setFullscreen(false)}
          width="100vw"
          style={{ top: 0, maxWidth: '100vw', paddingBottom: 0 }}
          styles={{ container: { borderRadius: 0, padding: '12px 12px 8px' }, header: { paddingInlineEnd: 32 } }}
          destroyOnHidden
        >
          <div className="sw-diagram-fullscreen">
            <DiagramCanvas {...props} onExitFullscreen={() => setFullscreen(false)} />
          </div>
        </Modal>
      )}
    </>
  );
}

const HEAT_MARKERS = ['sw-heat-1', 'sw-heat-2', 'sw-heat-3', 'sw-heat-4'] as const;
const MARKERS = ['sw-active', 'sw-current', 'sw-done', ...HEAT_MARKERS] as const;
const OVERLAY_TYPE = 'sw-count';
const HEAT_OVERLAY = 'sw-heat';
const NO_HEAT: NonNullable<DiagramViewerProps['heat']> = {};

// Fingers, not a mouse: the hint names the gestures that work there.
const touchScreen = () => typeof window.matchMedia === 'function' && window.matchMedia('(any-pointer: coarse)').matches;

/** One bpmn-js canvas: the case's position highlighted, the current step centred on open, zoom by buttons, wheel or fingers. */
function DiagramCanvas({
  xml,
  activeElements,
  currentElement,
  completedCounts,
  heat = NO_HEAT,
  onElementClick,
  label,
  onError,
  onFullscreen,
  onExitFullscreen,
}: DiagramViewerProps & { onFullscreen?: () => void; onExitFullscreen?: () => void }) {
  const { t } = useI18n();
  const container = useRef<HTMLDivElement>(null);
  const viewer = useRef<NavigatedViewer | null>(null);
  // The step the view was centred on for this diagram: the case's position may arrive after the diagram.
  const centredOn = useRef<string | null>(null);
  const onClickRef = useRef(onElementClick);
  useEffect(() => {
    onClickRef.current = onElementClick;
  });

  useEffect(() => {
    const v = new NavigatedViewer({ container: container.current! });
    viewer.current = v;
    const detachTouch = attachTouchNavigation(container.current!, v.get<Canvas>('canvas'));
    v.get<EventBus>('eventBus').on('element.click', (e: { element: { id: string; type: string } }) => {
      if (e.element.type !== 'bpmn:Process' && e.element.type !== 'label') onClickRef.current?.(e.element.id);
    });
    return () => {
      detachTouch();
      v.destroy();
      viewer.current = null;
    };
  }, []);

  const imported = useDiagramImport(viewer, xml, onError, () => {
    centredOn.current = null;
  });

  useEffect(() => {
    const v = viewer.current;
    if (!v || imported !== xml) return;
    const canvas = v.get<Canvas>('canvas');
    const registry = v.get<ElementRegistry>('elementRegistry');
    const overlays = v.get<Overlays>('overlays');
    const present = (id: string) => Boolean(registry.get(id));
    registry.forEach((el) => MARKERS.forEach((m) => canvas.removeMarker(el.id, m)));
    overlays.remove({ type: OVERLAY_TYPE });
    overlays.remove({ type: HEAT_OVERLAY });
    for (const [id, h] of Object.entries(heat)) {
      if (!present(id)) continue;
      if (h.level >= 1) canvas.addMarker(id, HEAT_MARKERS[Math.min(h.level, 4) - 1]!);
      const badge = document.createElement('span');
      badge.className = 'sw-heat-badge';
      badge.textContent = h.badge;
      badge.title = h.title;
      badge.dataset.element = id;
      overlays.add(id, HEAT_OVERLAY, { position: { top: -22, left: 0 }, html: badge });
    }
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
    // Centre once per diagram, on this task's step or else where the case is now; later polls leave the view alone.
    const focus = [currentElement, ...activeElements].find((id) => id && present(id));
    if (focus && centredOn.current === null) {
      centredOn.current = focus;
      openingView(canvas, registry, focus);
    }
  }, [imported, xml, activeElements, currentElement, completedCounts, heat]);

  const canvas = () => viewer.current?.get<Canvas>('canvas');
  const step = (direction: 1 | -1) => viewer.current?.get<ZoomScroll>('zoomScroll').stepZoom(direction);
  // A tap would leave a tooltip standing on a touch screen; there the buttons' names are for screen readers only.
  const touch = touchScreen();
  const tool = (title: string, icon: ReactNode, onClick: () => void, autoFocus = false) => {
    return touch ? (
      <Button key={title} size="middle" icon={icon} aria-label={title} onClick={onClick} autoFocus={autoFocus} />
    ) : (
      <Tooltip key={title} title={title}>
        <Button size="small" icon={icon} aria-label={title} onClick={onClick} autoFocus={autoFocus} />
      </Tooltip>
    );
  };

  return (
    <div className="sw-diagram-wrap">
      <div ref={container} className="sw-diagram" role="img" aria-label={label} />
      <div className="sw-diagram-tools" role="toolbar" aria-label={t('diagram.tools')}>
        {tool(t('diagram.zoomIn'), <ZoomInOutlined />, () => step(1))}
        {tool(t('diagram.zoomOut'), <ZoomOutOutlined />, () => step(-1))}
        {tool(t('diagram.fit'), <CompressOutlined />, () => canvas()?.zoom('fit-viewport', 'auto' as never))}
        {onFullscreen && tool(t('diagram.fullscreen'), <FullscreenOutlined />, onFullscreen)}
        {/* Focus moves into the full-screen view, so the page's single-key shortcuts (a: 同意) cannot act behind it. */}
        {onExitFullscreen && tool(t('diagram.exitFullscreen'), <FullscreenExitOutlined />, onExitFullscreen, true)}
      </div>
      <div className="sw-hint">{touch ? t('diagram.hintTouch') : t('diagram.hintWheel')}</div>
    </div>
  );
}
