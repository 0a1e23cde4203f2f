import { describe, expect, it } from 'vitest';
import { chordOf } from './keyboard';

const key = (k: string, mods: Partial<{ altKey: boolean; ctrlKey: boolean; metaKey: boolean; shiftKey: boolean; isComposing: boolean }> = {}) => ({
  key: k,
  altKey: false,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  ...mods,
});

describe('shortcut chords', () => {
  it('names plain keys, Shift letters and Alt chords', () => {
    expect(chordOf(key('j'))).toBe('j');
    expect(chordOf(key('J', { shiftKey: true }))).toBe('Shift+J');
    expect(chordOf(key('A'))).toBe('a'); // Caps Lock without Shift
    expect(chordOf(key('?', { shiftKey: true }))).toBe('?');
    expect(chordOf(key('ArrowDown', { altKey: true }))).toBe('Alt+ArrowDown');
    expect(chordOf(key('Enter'))).toBe('Enter');
  });

  it('ignores Ctrl/⌘ chords and IME composition (Chinese input)', () => {
    expect(chordOf(key('a', { ctrlKey: true }))).toBeNull();
    expect(chordOf(key('r', { metaKey: true }))).toBeNull();
    expect(chordOf(key('a', { isComposing: true }))).toBeNull();
    expect(chordOf(key('Process'))).toBeNull();
  });
});
