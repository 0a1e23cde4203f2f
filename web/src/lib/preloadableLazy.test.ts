import { createElement, Suspense, type ComponentType } from 'react';
// eslint-disable-next-line no-restricted-imports -- React's renderer to a string (a test without a DOM), not the API's server code
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { preloadableLazy } from './preloadableLazy';

const Hello = ({ name }: { name: string }) => createElement('p', null, `你好 ${name}`);
const page = (Component: ComponentType<{ name: string }>) => renderToString(createElement(Suspense, { fallback: createElement('i', null, '加载中') }, createElement(Component, { name: '张三' })));

describe('preloadableLazy', () => {
  it('suspends like React.lazy before its code is here, and renders at once after preload()', async () => {
    let loads = 0;
    const Lazy = preloadableLazy(async () => {
      loads++;
      return { default: Hello };
    });
    expect(page(Lazy)).toContain('加载中');
    await Lazy.preload();
    await Lazy.preload();
    expect(page(Lazy)).toContain('你好 张三');
    expect(page(Lazy)).not.toContain('加载中');
    expect(loads).toBe(1);
  });

  it('tries a failed load again on the next preload()', async () => {
    let loads = 0;
    const Lazy = preloadableLazy(async () => {
      if (++loads === 1) throw new Error('network');
      return { default: Hello };
    });
    await expect(Lazy.preload()).rejects.toThrow('network');
    await Lazy.preload();
    expect(page(Lazy)).toContain('你好 张三');
    expect(loads).toBe(2);
  });
});
