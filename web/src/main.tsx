import { QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp } from 'antd';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { createQueryClient } from './api/queryClient';
import './styles.css';
import { I18nProvider } from './i18n/I18nProvider';
import { GuardedBrowserRouter } from './lib/leaveGuard';

// After a new version is deployed, a tab still on the previous one asks for chunks that no longer
// exist; Vite reports it here. Reload once to pick up the new build (not in a loop if it persists).
window.addEventListener('vite:preloadError', (event) => {
  const last = Number(sessionStorage.getItem('shouwen.reloadedForChunk') ?? 0);
  if (Date.now() - last < 60_000) return;
  sessionStorage.setItem('shouwen.reloadedForChunk', String(Date.now()));
  event.preventDefault();
  window.location.reload();
});

const queryClient = createQueryClient();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <I18nProvider>
        <AntApp>
          {/* Not a data router (≈ 17 kB more for the inbox): the editor's unsaved-changes prompt is useLeaveGuard. */}
          <GuardedBrowserRouter>
            <App />
          </GuardedBrowserRouter>
        </AntApp>
      </I18nProvider>
    </QueryClientProvider>
  </StrictMode>,
);
