import { Spin } from 'antd';
import { Navigate, Route, Routes } from 'react-router';
import { useSession } from './api/hooks';
import { useI18n } from './i18n/I18nProvider';
import { AppLayout } from './pages/AppLayout';
import { AuditPage } from './pages/AuditPage';
import { CasesPage } from './pages/CasesPage';
import { InboxPage } from './pages/InboxPage';
import { LoginPage } from './pages/LoginPage';
import { ProcessesPage } from './pages/ProcessesPage';

export function App() {
  const session = useSession();
  const { t } = useI18n();
  if (session.isPending) {
    return (
      <div style={{ display: 'grid', placeItems: 'center', height: '100vh' }}>
        <Spin tip={t('common.loading')} size="large">
          <div style={{ width: 120, height: 60 }} />
        </Spin>
      </div>
    );
  }
  if (!session.data) {
    return (
      <Routes>
        <Route path="*" element={<LoginPage />} />
      </Routes>
    );
  }
  return (
    <Routes>
      <Route element={<AppLayout user={session.data} />}>
        <Route index element={<Navigate to="/tasks" replace />} />
        <Route path="/tasks" element={<InboxPage />} />
        <Route path="/processes" element={<ProcessesPage />} />
        <Route path="/cases" element={<CasesPage />} />
        <Route path="/audit" element={<AuditPage />} />
        <Route path="*" element={<Navigate to="/tasks" replace />} />
      </Route>
    </Routes>
  );
}
