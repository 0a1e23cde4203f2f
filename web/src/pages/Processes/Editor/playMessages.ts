// 试运行: the state names the catch elements a token waits at; a message is sent by its name,
// which the diagram on the canvas gives (element → messageEventDefinition → bpmn:message).

const BPMN = 'http://www.omg.org/spec/BPMN/20100524/MODEL';

function elementOf(doc: Document, elementId: string): Element | undefined {
  return [...doc.getElementsByTagNameNS(BPMN, '*')].find((e) => e.getAttribute('id') === elementId);
}

/**
 * The diagram's elements as the drawer names them: each with its BPMN type (the tag: `userTask`) and
 * its name when it has one, so an unnamed one is said by its kind (未命名的定时器…): an id is never shown.
 */
export function diagramElements(xml: string): (elementId: string) => { elementId: string; elementType: string; elementName: string | null } {
  const doc = new DOMParser().parseFromString(xml, 'application/xml');
  return (elementId) => {
    const el = elementOf(doc, elementId);
    return { elementId, elementType: el?.localName ?? 'other', elementName: el?.getAttribute('name')?.trim() || null };
  };
}

/** The message name the element `elementId` of `xml` catches, or null (a signal, or not found). */
export function messageNameOf(xml: string, elementId: string): string | null {
  const doc = new DOMParser().parseFromString(xml, 'application/xml');
  const el = elementOf(doc, elementId);
  const ref = el?.getElementsByTagNameNS(BPMN, 'messageEventDefinition')[0]?.getAttribute('messageRef');
  if (!ref) return null;
  const message = [...doc.getElementsByTagNameNS(BPMN, 'message')].find((m) => m.getAttribute('id') === ref);
  return message?.getAttribute('name') ?? null;
}
