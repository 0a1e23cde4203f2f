import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LIBRARY_REWRITES, rewriteLibraryWords } from './libraryWordsPlugin';
import { iconA11y, LIBRARY_WORDS, libraryWord, setLibraryLanguage } from './src/i18n/libraryWords';

const require = createRequire(import.meta.url);
/** The installed module's path (packages' `exports` maps hide their files from require.resolve). */
function installed(module: string): string {
  const pkg = module.startsWith('@') ? module.split('/').slice(0, 2).join('/') : module.split('/')[0]!;
  const root = dirname(require.resolve(`${pkg}/package.json`, { paths: [join(import.meta.dirname, '..')] }));
  return join(root, module.slice(pkg.length + 1));
}

describe("the English words antd's building blocks write, in the console's language", () => {
  it('finds each rewritten text exactly once in the installed packages, and leaves none of it', () => {
    for (const r of LIBRARY_REWRITES) {
      const path = installed(r.module);
      const out = rewriteLibraryWords(path, readFileSync(path, 'utf8'), [r]);
      expect(out, r.module).toBeDefined();
      expect(out!.match(typeof r.find === 'string' ? r.find : new RegExp(r.find.source)), r.module).toBeNull();
    }
  });

  it('leaves the icons to screen readers only where the caller names them, and names no icon in English', () => {
    const path = installed('@ant-design/icons/es/components/AntdIconLight.js');
    const out = rewriteLibraryWords(path, readFileSync(path, 'utf8'))!;
    expect(out).not.toMatch(/"aria-label": icon\.name/);
    expect(iconA11y({})).toEqual({ 'aria-hidden': true });
    expect(iconA11y({ 'aria-label': '关闭' })).toEqual({ role: 'img' });
    expect(iconA11y({ 'aria-labelledby': 'x' })).toEqual({ role: 'img' });
  });

  it('has a Chinese word for every English one it puts a call in for', () => {
    const asked = LIBRARY_REWRITES.flatMap((r) => [...r.replace.matchAll(/__swWord\("([^"]+)"\)/g)].map((m) => m[1]!));
    expect(asked.length).toBeGreaterThan(5);
    for (const english of asked) {
      expect(LIBRARY_WORDS, english).toHaveProperty([english]);
      expect(LIBRARY_WORDS[english as keyof typeof LIBRARY_WORDS]['zh-CN']).toMatch(/\p{Script=Han}/u);
    }
  });

  it('follows the language the console is in', () => {
    setLibraryLanguage('zh-CN');
    expect(libraryWord('Select all')).toBe('全选本页');
    setLibraryLanguage('en');
    expect(libraryWord('Select all')).toBe('Select all');
    setLibraryLanguage('zh-CN');
    expect(libraryWord('an unknown word')).toBe('an unknown word');
  });

  it('fails the build when an upgrade moved a word, instead of letting the English back', () => {
    expect(() => rewriteLibraryWords('/x/node_modules/antd/es/table/hooks/useSelection.js', 'nothing to see', LIBRARY_REWRITES)).toThrow(/expected .* once/);
    expect(rewriteLibraryWords('/x/node_modules/antd/es/button/index.js', 'code')).toBeUndefined();
  });
});
