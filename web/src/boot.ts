import { fetchEarly } from './api/http';
import { prefetchInbox } from './api/inboxPrefetch';

// A second, tiny entry (index.html loads it before main.tsx): it asks for the session and, on the
// inbox, its first tasks and counts while the console's JavaScript is still loading and parsing.
// Not signed in, the answers are refused and the console asks again after signing in.
fetchEarly('/api/session');
prefetchInbox();
