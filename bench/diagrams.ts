// Generated diagrams for B5: a start event, a chain of tasks and an end event, joined by sequence
// flows and laid out in rows (with diagram interchange, so bpmn-js has something to draw).
// "Elements" counts flow nodes plus sequence flows.

const ROW = 20;
const at = (i: number) => ({ x: 100 + (i % ROW) * 150, y: 100 + Math.floor(i / ROW) * 140 });

export function generatedDiagram(elements: number): string {
  const nodes = Math.max(2, Math.ceil((elements + 1) / 2));
  const semantic: string[] = [];
  const shapes: string[] = [];
  const edges: string[] = [];
  const box = (i: number) => {
    const { x, y } = at(i);
    return i === 0 || i === nodes - 1 ? { x: x + 32, y: y + 22, w: 36, h: 36 } : { x, y, w: 100, h: 80 };
  };
  for (let i = 0; i < nodes; i++) {
    const id = `n${i}`;
    const kind = i === 0 ? 'startEvent' : i === nodes - 1 ? 'endEvent' : 'task';
    semantic.push(`<bpmn:${kind} id="${id}"${kind === 'task' ? ` name="步骤 ${i}"` : ''}/>`);
    const b = box(i);
    shapes.push(`<bpmndi:BPMNShape id="${id}_di" bpmnElement="${id}"><dc:Bounds x="${b.x}" y="${b.y}" width="${b.w}" height="${b.h}"/></bpmndi:BPMNShape>`);
    if (i === 0) continue;
    const s = box(i - 1);
    const fid = `f${i}`;
    semantic.push(`<bpmn:sequenceFlow id="${fid}" sourceRef="n${i - 1}" targetRef="${id}"/>`);
    const points =
      i % ROW === 0 // wraps to the next row: down, back left, down
        ? [
            [s.x + s.w / 2, s.y + s.h],
            [s.x + s.w / 2, b.y - 20],
            [b.x + b.w / 2, b.y - 20],
            [b.x + b.w / 2, b.y],
          ]
        : [
            [s.x + s.w, s.y + s.h / 2],
            [b.x, b.y + b.h / 2],
          ];
    edges.push(`<bpmndi:BPMNEdge id="${fid}_di" bpmnElement="${fid}">${points.map(([x, y]) => `<di:waypoint x="${x}" y="${y}"/>`).join('')}</bpmndi:BPMNEdge>`);
  }
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI" id="generated" targetNamespace="bench">
<bpmn:process id="generated-${elements}" isExecutable="true">${semantic.join('')}</bpmn:process>
<bpmndi:BPMNDiagram id="d"><bpmndi:BPMNPlane id="p" bpmnElement="generated-${elements}">${shapes.join('')}${edges.join('')}</bpmndi:BPMNPlane></bpmndi:BPMNDiagram>
</bpmn:definitions>`;
}
