import { preloadableLazy } from '../../lib/preloadableLazy';

/** The bpmn-js viewer (its own chunk, with its styles): loaded on first use, or ahead by the inbox (loadTaskPageCode). */
export const LazyDiagramViewer = preloadableLazy(() => import('./DiagramViewer'));
