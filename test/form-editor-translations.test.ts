import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { translateFormEditorText } from '../web/src/pages/Processes/Editor/formEditorTranslations.zh';

// form-js-editor has no translate hook: its properties panel is English literals, translated in
// the DOM from a table (formEditorTranslations.zh.ts). A process owner met "Supports markdown and
// templating", "Learn more" and "Condition under which the field is hidden" in English: this reads
// the installed editor's literals the way they reach the screen, so a missing one — or one an
// upgrade rewords — fails here rather than on a screen.

const require = createRequire(import.meta.url);
const source = readFileSync(require.resolve('@bpmn-io/form-js-editor').replace(/index\.cjs$/, 'index.es.js'), 'utf8');

/** Panel labels, descriptions, tooltips and the text children of JSX (`children: ["Supports …", ' ', <a>]`). */
function panelLiterals(): Set<string> {
  const found = new Set<string>();
  const patterns = [
    /\b(?:children|title|tooltip|description|label|placeholder|alt): (['"])([A-Z][^'"$`{}]{3,200})\1/g,
    /\b(?:description|label|tooltip) = (['"])([A-Z][^'"]{3,200})\1/g,
    /\[(")([A-Z][a-z][^"]{8,200})", ' '/g,
  ];
  for (const re of patterns) for (const m of source.matchAll(re)) found.add(m[2]!);
  return found;
}

// Not words a process owner reads: a fragment joined with a variable, a code sample, an example address.
const NOT_SHOWN_ALONE = new Set(['Use a unique ']);

describe('the form editor in Chinese', () => {
  const literals = panelLiterals();

  it('reads the installed editor', () => {
    // a floor, not a count: a reader that finds nothing must not pass as "nothing missing"
    expect(literals.size).toBeGreaterThan(100);
    for (const known of ['Supports markdown and templating.', 'Condition under which the field is hidden', 'Hide if', 'Learn more']) expect(literals, known).toContain(known);
  });

  it('has a zh-CN text for every label, description and tooltip', () => {
    const missing = [...literals].filter((l) => !NOT_SHOWN_ALONE.has(l) && !/^[A-Z0-9_-]+$/.test(l) && translateFormEditorText(l) === undefined).sort();
    expect(missing).toEqual([]);
  });
});
