import { describe, expect, it } from 'vitest';
import { interpolate } from '../i18n/interpolate';
import { en } from '../i18n/messages.en';
import { zh } from '../i18n/messages';
import { processWords } from '../../../contract/process-names';
import { ownProcessName, processText } from './processNames';

const tZh = (key: keyof typeof zh, vars?: Record<string, string | number>) => interpolate(zh[key], vars);
const tEn = (key: keyof typeof en, vars?: Record<string, string | number>) => interpolate(en[key], vars);

describe('a process as people read it', () => {
  it('is its name', () => {
    expect(processText('complaint', '客户投诉管理流程', tZh)).toBe('客户投诉管理流程');
    expect(ownProcessName('complaint', ' 客户投诉管理流程 ')).toBe('客户投诉管理流程');
  });

  it('is said to be unnamed, with its key as the hint, when it has no name: none, blank, or the key the compiler put in its place', () => {
    for (const name of [undefined, null, '', '  ', 'order-fulfilment']) {
      expect(ownProcessName('order-fulfilment', name)).toBeUndefined();
      expect(processText('order-fulfilment', name, tZh)).toBe('未命名流程（order-fulfilment）');
    }
    expect(processText('order-fulfilment', 'order-fulfilment', tEn)).toBe('Unnamed process (order-fulfilment)');
  });

  it('reads the same outside the console (exports, case titles)', () => {
    expect(processWords('complaint', '客户投诉管理流程')).toBe('客户投诉管理流程');
    expect(processWords('order-fulfilment', 'order-fulfilment')).toBe('未命名流程（order-fulfilment）');
    expect(processWords('order-fulfilment', null, 'en')).toBe('Unnamed process (order-fulfilment)');
  });
});
