import type Canvas from 'diagram-js/lib/core/Canvas';
import type ElementRegistry from 'diagram-js/lib/core/ElementRegistry';

/** Below this scale a task's name is too small to read, so opening zooms in to it around the step. */
export const READABLE_SCALE = 0.8;

/**
 * The view a diagram opens with: the whole diagram fitted when no step is current; else the current
 * step in the middle, at the fitted size or a readable one if fitting made it smaller (complex
 * processes are unreadable when fitted), never enlarged past 1:1.
 */
export function openingView(canvas: Canvas, registry: ElementRegistry, focusId: string | undefined): void {
  const fitted = canvas.zoom('fit-viewport', 'auto' as never);
  const element = focusId ? (registry.get(focusId) as Partial<Shape> | undefined) : undefined;
  if (typeof element?.x !== 'number' || typeof element.y !== 'number' || typeof element.width !== 'number' || typeof element.height !== 'number') return;
  centreOn(canvas, element as Shape, Math.min(Math.max(fitted, READABLE_SCALE), 1));
}

interface Shape {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Put a shape in the middle of the canvas at `scale`. */
export function centreOn(canvas: Canvas, shape: Shape, scale: number): void {
  canvas.zoom(scale);
  const box = canvas.viewbox();
  canvas.viewbox({ x: shape.x + shape.width / 2 - box.width / 2, y: shape.y + shape.height / 2 - box.height / 2, width: box.width, height: box.height });
}

const MIN_SCALE = 0.2;
const MAX_SCALE = 4;

/**
 * Fingers on a touch screen: one drags the canvas, two pinch-zoom around their midpoint. diagram-js
 * listens to the mouse only, and a browser turns a drag on a phone into page scrolling instead.
 * Returns the function that removes the listeners.
 */
export function attachTouchNavigation(container: HTMLElement, canvas: Canvas): () => void {
  const points = new Map<number, { x: number; y: number }>();
  let pinch: { distance: number; scale: number } | null = null;

  const distance = () => {
    const [a, b] = [...points.values()];
    return a && b ? Math.hypot(a.x - b.x, a.y - b.y) : 0;
  };
  const down = (e: PointerEvent) => {
    if (e.pointerType !== 'touch') return;
    container.setPointerCapture?.(e.pointerId);
    points.set(e.pointerId, { x: e.clientX, y: e.clientY });
    pinch = points.size === 2 ? { distance: distance(), scale: canvas.zoom() } : null;
  };
  const move = (e: PointerEvent) => {
    const last = points.get(e.pointerId);
    if (!last) return;
    e.preventDefault();
    const next = { x: e.clientX, y: e.clientY };
    points.set(e.pointerId, next);
    if (pinch && points.size === 2 && pinch.distance > 0) {
      const [a, b] = [...points.values()] as [{ x: number; y: number }, { x: number; y: number }];
      const rect = container.getBoundingClientRect();
      const scale = Math.min(MAX_SCALE, Math.max(MIN_SCALE, (pinch.scale * distance()) / pinch.distance));
      canvas.zoom(scale, { x: (a.x + b.x) / 2 - rect.left, y: (a.y + b.y) / 2 - rect.top });
    } else if (points.size === 1) {
      canvas.scroll({ dx: next.x - last.x, dy: next.y - last.y });
    }
  };
  const up = (e: PointerEvent) => {
    points.delete(e.pointerId);
    pinch = points.size === 2 ? { distance: distance(), scale: canvas.zoom() } : null;
  };
  container.addEventListener('pointerdown', down);
  container.addEventListener('pointermove', move, { passive: false });
  container.addEventListener('pointerup', up);
  container.addEventListener('pointercancel', up);
  return () => {
    container.removeEventListener('pointerdown', down);
    container.removeEventListener('pointermove', move);
    container.removeEventListener('pointerup', up);
    container.removeEventListener('pointercancel', up);
  };
}
