import { UNSAFE_createMemoryHistory as createMemoryHistory, type Blocker, type BlockerFunction } from 'react-router';
import { describe, expect, it } from 'vitest';
import { guardHistory } from './navigationGuard';

// The process editor's unsaved-changes prompt without a data router: a navigation away from a dirty
// editor (a link, a menu click, navigate() anywhere, back/forward) is held until the user answers.
// A memory history stands in for the browser's: its go() is a back/forward (a POP with a delta).

function setup(entries = ['/tasks', '/processes/complaint/edit']) {
  const history = guardHistory(createMemoryHistory({ initialEntries: entries, initialIndex: entries.length - 1, v5Compat: true }));
  const seen: string[] = [];
  history.listen(({ action, location }) => seen.push(`${action} ${location.pathname}${location.search}`));
  let blocker: Blocker = { state: 'unblocked', proceed: undefined, reset: undefined, location: undefined };
  let dirty = true;
  // The editor's rule: only while there are unsaved changes, and only when the page changes.
  const when: BlockerFunction = ({ currentLocation, nextLocation }) => dirty && currentLocation.pathname !== nextLocation.pathname;
  const unguard = history.guard(when, (b) => (blocker = b));
  return {
    history,
    seen,
    unguard,
    blocker: () => blocker,
    setDirty: (value: boolean) => (dirty = value),
    where: () => history.location.pathname,
  };
}

describe('the leave guard', () => {
  it('holds an in-app navigation away from a dirty page until proceed()', () => {
    const t = setup();
    t.history.push('/cases');
    expect(t.blocker()).toMatchObject({ state: 'blocked', location: { pathname: '/cases' } });
    expect(t.where()).toBe('/processes/complaint/edit');
    expect(t.seen).toEqual([]);
    t.blocker().proceed!();
    expect(t.where()).toBe('/cases');
    expect(t.seen).toEqual(['PUSH /cases']);
    expect(t.blocker().state).toBe('unblocked');
  });

  it('stays on reset(), and a replace is held the same way', () => {
    const t = setup();
    t.history.replace('/home');
    expect(t.blocker().state).toBe('blocked');
    t.blocker().reset!();
    expect(t.blocker().state).toBe('unblocked');
    expect(t.where()).toBe('/processes/complaint/edit');
    expect(t.seen).toEqual([]);
  });

  it('lets a clean page, a query change on the same page, and a removed guard go at once', () => {
    const t = setup();
    t.history.push('/processes/complaint/edit?tab=forms');
    expect(t.seen).toEqual(['PUSH /processes/complaint/edit?tab=forms']);
    t.setDirty(false);
    t.history.push('/processes?key=complaint');
    expect(t.blocker().state).toBe('unblocked');
    t.setDirty(true);
    t.unguard();
    t.history.push('/tasks');
    expect(t.seen).toEqual(['PUSH /processes/complaint/edit?tab=forms', 'PUSH /processes?key=complaint', 'PUSH /tasks']);
  });

  it('undoes back/forward at once and redoes it on proceed()', () => {
    const t = setup();
    t.history.go(-1);
    // the router never saw the step; the history is back where it was
    expect(t.seen).toEqual([]);
    expect(t.where()).toBe('/processes/complaint/edit');
    expect(t.blocker()).toMatchObject({ state: 'blocked', location: { pathname: '/tasks' } });
    t.blocker().proceed!();
    expect(t.where()).toBe('/tasks');
    expect(t.seen).toEqual(['POP /tasks']);
    expect(t.blocker().state).toBe('unblocked');
  });

  it('keeps the page on back when the user stays, and asks again next time', () => {
    const t = setup();
    t.history.go(-1);
    t.blocker().reset!();
    expect(t.where()).toBe('/processes/complaint/edit');
    expect(t.seen).toEqual([]);
    t.history.go(-1);
    expect(t.blocker().state).toBe('blocked');
  });
});
