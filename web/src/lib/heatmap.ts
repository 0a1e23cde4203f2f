import type { ElementFigures } from '../../../contract';

// Process analytics on the diagram: which colour each step gets. The heat is the average time in the
// step against the slowest step of the version (four levels, so the colours stay readable); a step
// nobody completed yet has no heat, only its figures.

export interface Heat {
  level: number;
  badge: string;
  title: string;
}

export function heatLevel(averageHours: number | null, slowest: number): number {
  if (averageHours === null || slowest <= 0) return 0;
  return Math.max(1, Math.min(4, Math.ceil((averageHours / slowest) * 4)));
}

export function heatmap(elements: ElementFigures[], words: (e: ElementFigures) => { badge: string; title: string }): Record<string, Heat> {
  const slowest = Math.max(0, ...elements.map((e) => e.averageHours ?? 0));
  return Object.fromEntries(elements.map((e) => [e.elementId, { level: heatLevel(e.averageHours, slowest), ...words(e) }]));
}
