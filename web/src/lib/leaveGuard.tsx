import { createContext, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import { unstable_HistoryRouter as HistoryRouter, UNSAFE_createBrowserHistory as createBrowserHistory, type Blocker, type BlockerFunction } from 'react-router';
import { guardHistory, UNBLOCKED, type GuardedHistory } from './navigationGuard';

const GuardContext = createContext<GuardedHistory | null>(null);

/** `<BrowserRouter>` whose navigations a page can hold (useLeaveGuard); see guardHistory. */
export function GuardedBrowserRouter({ children }: { children: ReactNode }) {
  const [history] = useState(() => guardHistory(createBrowserHistory({ v5Compat: true })));
  return (
    <GuardContext.Provider value={history}>
      <HistoryRouter history={history}>{children}</HistoryRouter>
    </GuardContext.Provider>
  );
}

/**
 * useBlocker's answer for a router without data APIs: while mounted, every navigation `when` says
 * yes to is held (state `blocked`) until proceed() or reset(). `when` is read at each navigation.
 */
export function useLeaveGuard(when: BlockerFunction): Blocker {
  const history = useContext(GuardContext);
  if (!history) throw new Error('useLeaveGuard needs <GuardedBrowserRouter>');
  const [blocker, setBlocker] = useState<Blocker>(UNBLOCKED);
  const whenRef = useRef(when);
  whenRef.current = when;
  useEffect(() => history.guard((args) => whenRef.current(args), setBlocker), [history]);
  return blocker;
}
