import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';

// antd's building blocks write a few English words into the page whatever the locale (accessible
// names: the table's select-all box, a number field's step buttons, a segmented switch, dialog and
// notification close buttons) and name every icon for screen readers by its English file name.
// At build time each such literal in the library becomes a call into the console's i18n
// (src/i18n/libraryWords.ts). Each rewrite must find its text exactly once: a library upgrade that
// moves or rewords one fails the build instead of bringing English back unnoticed
// (libraryWordsPlugin.test.ts checks the installed packages too).

export interface LibraryRewrite {
  /** The module's path inside node_modules, with `/` separators. */
  module: string;
  /** The source text replaced (a string literal, or a property pair). */
  find: string | RegExp;
  /** What replaces it; may use `__swWord(english)` and `__swIconA11y(props)`. */
  replace: string;
}

const word = (english: string) => `__swWord(${JSON.stringify(english)})`;

export const LIBRARY_REWRITES: LibraryRewrite[] = [
  { module: 'antd/es/table/hooks/useSelection.js', find: `customizeSelections ? 'Custom selection' : 'Select all'`, replace: `customizeSelections ? ${word('Custom selection')} : ${word('Select all')}` },
  { module: '@rc-component/input-number/es/StepHandler.js', find: `isUpAction ? 'Increase Value' : 'Decrease Value'`, replace: `isUpAction ? ${word('Increase Value')} : ${word('Decrease Value')}` },
  { module: '@rc-component/segmented/es/index.js', find: `"aria-label": "segmented control"`, replace: `"aria-label": ${word('segmented control')}` },
  { module: '@rc-component/dialog/es/Dialog/Content/Panel.js', find: `"aria-label": "Close"`, replace: `"aria-label": ${word('Close')}` },
  { module: '@rc-component/notification/es/Notification.js', find: `"aria-label": "Close"`, replace: `"aria-label": ${word('Close')}` },
  { module: '@ant-design/icons/es/components/AntdIcon.js', find: /role: "img",\s*"aria-label": icon\.name/, replace: `...__swIconA11y(restProps)` },
  { module: '@ant-design/icons/es/components/AntdIconLight.js', find: /role: "img",\s*"aria-label": icon\.name/, replace: `...__swIconA11y(restProps)` },
];

const RUNTIME = fileURLToPath(new URL('./src/i18n/libraryWords.ts', import.meta.url));

/** Applies the rewrites for `id` (a resolved module path) to `code`; undefined when none applies. */
export function rewriteLibraryWords(id: string, code: string, rewrites = LIBRARY_REWRITES): string | undefined {
  const path = id.split('?')[0]!.replace(/\\/g, '/');
  const mine = rewrites.filter((r) => path.endsWith(`/node_modules/${r.module}`));
  if (!mine.length) return undefined;
  let out = code;
  for (const r of mine) {
    const count = typeof r.find === 'string' ? out.split(r.find).length - 1 : (out.match(new RegExp(r.find.source, 'g')) ?? []).length;
    if (count !== 1) throw new Error(`library words: expected ${String(r.find)} once in ${r.module}, found it ${count} times (a library upgrade? see web/libraryWordsPlugin.ts)`);
    out = typeof r.find === 'string' ? out.replace(r.find, () => r.replace) : out.replace(r.find, () => r.replace);
  }
  return `import { libraryWord as __swWord, iconA11y as __swIconA11y } from ${JSON.stringify(RUNTIME)};\n${out}`;
}

export function libraryWords(): Plugin {
  return {
    name: 'shouwen-library-words',
    enforce: 'pre',
    transform(code, id) {
      const out = rewriteLibraryWords(id, code);
      return out === undefined ? null : { code: out, map: null };
    },
  };
}
