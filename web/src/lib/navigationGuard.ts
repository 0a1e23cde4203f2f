import { NavigationType, type Blocker, type BlockerFunction, type HistoryRouterProps, type Location, type To } from 'react-router';

type History = HistoryRouterProps['history'];

/**
 * The console's history with a leave guard. Every in-app navigation (links, menu clicks, navigate()
 * anywhere) is a push or replace on this object, and back/forward reach the router through its
 * listener, so the page on screen can hold any of them until the user answers — what a data
 * router's useBlocker did, without the data router (≈ 17 kB gzip of the inbox's first JavaScript).
 *
 * One guard at a time (the page on screen). A navigation it stops is kept, and the guard hears
 * `blocked`: proceed() carries it out, reset() drops it. Back/forward has already moved the browser
 * when it is heard: the step is undone at once (history.go(-delta)) and redone on proceed(), as
 * react-router's own blocker does. An entry without an index (not made by this history) cannot be
 * undone and passes. Reload and closing the tab are the page's `beforeunload`, not this.
 */
export interface GuardedHistory extends History {
  /** Sets the guard; `onChange` hears each blocked and settled state. Returns the function that removes it. */
  guard(when: BlockerFunction, onChange: (blocker: Blocker) => void): () => void;
}

export const UNBLOCKED: Blocker = { state: 'unblocked', proceed: undefined, reset: undefined, location: undefined };

export function guardHistory(inner: History): GuardedHistory {
  let active: { when: BlockerFunction; onChange: (blocker: Blocker) => void } | null = null;
  // The location the router shows: where the guard is asked to leave from.
  let current = inner.location;
  // The next POP is the undoing of a held back/forward: the router never saw the step.
  let undoing = false;
  // The next POP is a held back/forward carried out by proceed(): it passes unasked.
  let redoing = false;

  const asks = (nextLocation: Location, historyAction: NavigationType) => active !== null && active.when({ currentLocation: current, nextLocation, historyAction });

  const hold = (location: Location, carryOut: () => void) => {
    const guard = active!;
    const settle = () => {
      if (active === guard) guard.onChange(UNBLOCKED);
    };
    guard.onChange({
      state: 'blocked',
      location,
      proceed: () => {
        guard.onChange({ state: 'proceeding', location, proceed: undefined, reset: undefined });
        carryOut();
        settle();
      },
      reset: settle,
    });
  };

  const locationOf = (to: To, state: unknown): Location => ({ ...inner.encodeLocation(to), state: state ?? null, key: 'pending' });

  const history: GuardedHistory = {
    get action() {
      return inner.action;
    },
    get location() {
      return inner.location;
    },
    createHref: (to) => inner.createHref(to),
    createURL: (to) => inner.createURL(to),
    encodeLocation: (to) => inner.encodeLocation(to),
    push(to, state) {
      const location = locationOf(to, state);
      if (asks(location, NavigationType.Push)) hold(location, () => inner.push(to, state));
      else inner.push(to, state);
    },
    replace(to, state) {
      const location = locationOf(to, state);
      if (asks(location, NavigationType.Replace)) hold(location, () => inner.replace(to, state));
      else inner.replace(to, state);
    },
    go: (n) => inner.go(n),
    listen(listener) {
      return inner.listen((update) => {
        if (update.action === NavigationType.Pop) {
          if (undoing) {
            undoing = false;
            return;
          }
          if (redoing) redoing = false;
          else if (update.delta !== null && asks(update.location, update.action)) {
            const delta = update.delta;
            undoing = true;
            inner.go(-delta);
            hold(update.location, () => {
              redoing = true;
              inner.go(delta);
            });
            return;
          }
        }
        current = update.location;
        listener(update);
      });
    },
    guard(when, onChange) {
      const entry = { when, onChange };
      active = entry;
      return () => {
        if (active === entry) active = null;
      };
    },
  };
  return history;
}
