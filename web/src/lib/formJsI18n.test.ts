import { describe, expect, it } from 'vitest';
import { messages } from '../i18n/allMessages';
import { interpolate } from '../i18n/interpolate';
import type { MessageKey } from '../i18n/messages';
import { translateFormJsMessage, translateFormJsText } from './formJsI18n';

const zh = (key: MessageKey, vars?: Record<string, string | number>) => interpolate(messages['zh-CN'][key], vars);

describe('form-js in the console language', () => {
  it('words the viewer validation messages in Chinese, keeping their numbers', () => {
    expect(translateFormJsMessage('Field is required.', zh)).toBe('此项为必填项。');
    expect(translateFormJsMessage('Field must have maximum length of 4000.', zh)).toBe('最多 4000 个字符。');
    expect(translateFormJsMessage('Field must have minimum value of 0.01.', zh)).toBe('不能小于 0.01。');
    expect(translateFormJsMessage('Value is expected to have at most 2 decimal digits.', zh)).toBe('最多保留 2 位小数。');
    expect(translateFormJsMessage('Please select a valid value, the two nearest valid values are 10 and 20.', zh)).toBe('请输入有效值，最接近的有效值为 10 和 20。');
  });

  it('keeps a message the diagram author wrote', () => {
    expect(translateFormJsMessage('请输入 11 位手机号', zh)).toBe('请输入 11 位手机号');
  });

  it('translates the fixed placeholders only when the whole text is one', () => {
    expect(translateFormJsText('Select', zh)).toBe('请选择');
    expect(translateFormJsText('Search', zh)).toBe('搜索');
    expect(translateFormJsText('Select a product', zh)).toBeUndefined();
  });
});
