import { fetchEarly } from './api/http';
import { prefetchInbox } from './api/inboxPrefetch';

// A second, tiny entry (index.html loads it before main.tsx): it asks for the session and, on the
// inbox, its first tasks and counts while the console's JavaScript is still loading and parsing.
// The inbox's requests leave once the session is confirmed (a few milliseconds, well before the
// bundle is parsed): signed out, they would only be refused, three errors in the browser's console
// on the sign-in page instead of the session's one.
void fetchEarly('/api/session').then((signedIn) => {
  if (signedIn) prefetchInbox();
});
