import NavigatedViewer from 'bpmn-js/lib/NavigatedViewer';
import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';

// B5's page: the console's viewer (bpmn-js NavigatedViewer, fit to the viewport, as
// web/src/pages/Task/DiagramViewer.tsx does), timed from construction to the next painted frame.

interface Canvas {
  zoom(mode: string): void;
}
interface Registry {
  getAll(): unknown[];
}

(window as unknown as { renderDiagram: (xml: string) => Promise<{ ms: number; shapes: number; warnings: number }> }).renderDiagram = async (xml) => {
  const container = document.createElement('div');
  container.style.cssText = 'width:1366px;height:768px';
  document.body.append(container);
  const t0 = performance.now();
  const viewer = new NavigatedViewer({ container });
  const { warnings } = await viewer.importXML(xml);
  viewer.get<Canvas>('canvas').zoom('fit-viewport');
  await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
  const ms = performance.now() - t0;
  const shapes = viewer.get<Registry>('elementRegistry').getAll().length;
  viewer.destroy();
  container.remove();
  return { ms, shapes, warnings: warnings.length };
};
