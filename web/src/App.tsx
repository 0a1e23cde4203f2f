import { Card, Skeleton, Spin } from 'antd';
import { Suspense, useEffect } from 'react';
import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router';
import { useSession } from './api/hooks';
import { useI18n } from './i18n/I18nProvider';
import { lazyPage } from './i18n/lazyPage';
import { AppLayout } from './pages/AppLayout';
import { InboxPage } from './pages/Inbox/InboxPage';
import { LazyTaskPage } from './pages/Task/prefetchTask';

// Only the inbox is in the main bundle (the route approvers live on, measured by bench B5);
// every other page loads on first visit, with the zh-CN strings outside the inbox's (lazyPage).
// Signed-in users never need the sign-in form (and its antd Form).
const LoginPage = lazyPage(() => import('./pages/LoginPage').then((m) => ({ default: m.LoginPage })));
const CasesPage = lazyPage(() => import('./pages/Cases/CasesPage').then((m) => ({ default: m.CasesPage })));
const ProcessesPage = lazyPage(() => import('./pages/Processes/ProcessesPage').then((m) => ({ default: m.ProcessesPage })));
// The task page (with its form-js and bpmn-js children, each lazy again) loads on first use; the inbox prefetches it
// (then it renders without the fallback: LazyTaskPage.preload).
const TaskPage = LazyTaskPage;
// bpmn-js Modeler and the properties panel: only process owners who open the editor load them.
const ProcessEditorPage = lazyPage(() => import('./pages/Processes/Editor/ProcessEditorPage'));
// The case page shares the task page's lazy diagram chunk.
const CaseDetailPage = lazyPage(() => import('./pages/Cases/CaseDetailPage').then((m) => ({ default: m.CaseDetailPage })));
// 审计 likewise (auditors only need it; it shares the diagram chunk).
const AuditPage = lazyPage(() => import('./pages/Audit/AuditPage').then((m) => ({ default: m.AuditPage })));
// 故障: process owners and auditors.
const IncidentsPage = lazyPage(() => import('./pages/Incidents/IncidentsPage').then((m) => ({ default: m.IncidentsPage })));
const DecisionsPage = lazyPage(() => import('./pages/Decisions/DecisionsPage').then((m) => ({ default: m.DecisionsPage })));
// 工作日历: rarely visited (admins, once a year), so out of the main bundle too.
const CalendarPage = lazyPage(() => import('./pages/Calendar/CalendarPage').then((m) => ({ default: m.CalendarPage })));
// 用户管理: admins only, likewise.
// 报表: managers, auditors and process owners; its chart library is lazy again inside it.
const ReportsPage = lazyPage(() => import('./pages/Reports/ReportsPage').then((m) => ({ default: m.ReportsPage })));
const ReportSnapshotsPage = lazyPage(() => import('./pages/Reports/ReportSnapshotsPage').then((m) => ({ default: m.ReportSnapshotsPage })));
// 首页: a card per role, one request; the login landing stays the inbox.
const HomePage = lazyPage(() => import('./pages/Home/HomePage').then((m) => ({ default: m.HomePage })));
const UsersPage = lazyPage(() => import('./pages/Users/UsersPage').then((m) => ({ default: m.UsersPage })));

// 客户 and 客户 360.
const CustomersPage = lazyPage(() => import('./pages/Customers/CustomersPage').then((m) => ({ default: m.CustomersPage })));
const RosterPage = lazyPage(() => import('./pages/Customers/RosterPage').then((m) => ({ default: m.RosterPage })));
const TierRulesPage = lazyPage(() => import('./pages/Customers/TierRulesPage').then((m) => ({ default: m.TierRulesPage })));
const CatalogPage = lazyPage(() => import('./pages/Customers/CatalogPage').then((m) => ({ default: m.CatalogPage })));
const ArchivesPage = lazyPage(() => import('./pages/Archives/ArchivesPage').then((m) => ({ default: m.ArchivesPage })));
const ArchivePage = lazyPage(() => import('./pages/Archives/ArchivePage').then((m) => ({ default: m.ArchivePage })));
const CustomerPage = lazyPage(() => import('./pages/Customers/CustomerPage').then((m) => ({ default: m.CustomerPage })));

const pageFallback = (
  <Card>
    <Skeleton active paragraph={{ rows: 10 }} />
  </Card>
);

/**
 * The inbox, at /tasks and at `/` (where one signs in; /login likewise): there it is drawn in the same
 * render as the signed-in frame, its first requests having left with the sign-in, and the address
 * becomes /tasks once the browser is idle. A <Navigate> drew the frame alone first and the inbox only
 * after the router's transition; Chromium's replaceState (≈ 40 ms with the inbox drawn, on 2 cores)
 * and the render it causes would otherwise sit between signing in and the rows (bench B5). One
 * pathless route holds the three addresses, so the page stays mounted (rows, selection, focus) as
 * the address changes.
 */
function InboxRoute() {
  const navigate = useNavigate();
  const { pathname, search } = useLocation();
  useEffect(() => {
    if (pathname === '/tasks') return;
    const move = () => void navigate({ pathname: '/tasks', search }, { replace: true });
    if (typeof window.requestIdleCallback !== 'function') {
      const id = window.setTimeout(move, 500);
      return () => window.clearTimeout(id);
    }
    const id = window.requestIdleCallback(move, { timeout: 1500 });
    return () => window.cancelIdleCallback(id);
  }, [navigate, pathname, search]);
  return <InboxPage />;
}

export function App() {
  const session = useSession();
  const { t } = useI18n();
  if (session.isPending) {
    return (
      <div style={{ display: 'grid', placeItems: 'center', height: '100vh' }}>
        <Spin description={t('common.loading')} size="large">
          <div style={{ width: 120, height: 60 }} />
        </Spin>
      </div>
    );
  }
  if (!session.data) {
    return (
      <Routes>
        <Route
          path="*"
          element={
            <Suspense fallback={pageFallback}>
              <LoginPage />
            </Suspense>
          }
        />
      </Routes>
    );
  }
  return (
    <Routes>
      <Route element={<AppLayout user={session.data} />}>
        {/* InboxRoute draws the inbox itself, for any of these addresses: their leaves render nothing (null, not
            undefined, or the router warns in the console on every visit that they have no element). */}
        <Route element={<InboxRoute />}>
          <Route index element={null} />
          <Route path="/login" element={null} />
          <Route path="/tasks" element={null} />
        </Route>
        <Route
          path="/home"
          element={
            <Suspense fallback={pageFallback}>
              <HomePage />
            </Suspense>
          }
        />
        {/* Task ids contain `/`; links encode them (taskHref) and the router decodes the param. */}
        <Route
          path="/tasks/:id"
          element={
            <Suspense fallback={pageFallback}>
              <TaskPage />
            </Suspense>
          }
        />
        <Route
          path="/processes"
          element={
            <Suspense fallback={pageFallback}>
              <ProcessesPage />
            </Suspense>
          }
        />
        <Route
          path="/processes/new"
          element={
            <Suspense fallback={pageFallback}>
              <ProcessEditorPage />
            </Suspense>
          }
        />
        <Route
          path="/processes/:key/edit"
          element={
            <Suspense fallback={pageFallback}>
              <ProcessEditorPage />
            </Suspense>
          }
        />
        <Route
          path="/cases"
          element={
            <Suspense fallback={pageFallback}>
              <CasesPage />
            </Suspense>
          }
        />
        {/* Case ids contain `/` (<processKey>/<businessKey>); links encode them like task ids. */}
        <Route
          path="/cases/:id"
          element={
            <Suspense fallback={pageFallback}>
              <CaseDetailPage />
            </Suspense>
          }
        />
        <Route
          path="/customers"
          element={
            <Suspense fallback={pageFallback}>
              <CustomersPage />
            </Suspense>
          }
        />
        <Route
          path="/customers/roster"
          element={
            <Suspense fallback={pageFallback}>
              <RosterPage />
            </Suspense>
          }
        />
        <Route
          path="/customers/tier-rules"
          element={
            <Suspense fallback={pageFallback}>
              <TierRulesPage />
            </Suspense>
          }
        />
        <Route
          path="/catalog"
          element={
            <Suspense fallback={pageFallback}>
              <CatalogPage />
            </Suspense>
          }
        />
        <Route
          path="/customers/:id"
          element={
            <Suspense fallback={pageFallback}>
              <CustomerPage />
            </Suspense>
          }
        />
        <Route
          path="/archives"
          element={
            <Suspense fallback={pageFallback}>
              <ArchivesPage />
            </Suspense>
          }
        />
        <Route
          path="/archives/:id"
          element={
            <Suspense fallback={pageFallback}>
              <ArchivePage />
            </Suspense>
          }
        />
        <Route
          path="/audit"
          element={
            <Suspense fallback={pageFallback}>
              <AuditPage />
            </Suspense>
          }
        />
        <Route
          path="/decisions"
          element={
            <Suspense fallback={pageFallback}>
              <DecisionsPage />
            </Suspense>
          }
        />
        <Route
          path="/incidents"
          element={
            <Suspense fallback={pageFallback}>
              <IncidentsPage />
            </Suspense>
          }
        />
        <Route
          path="/reports/:name?"
          element={
            <Suspense fallback={pageFallback}>
              <ReportsPage />
            </Suspense>
          }
        />
        <Route
          path="/report-snapshots/:id?"
          element={
            <Suspense fallback={pageFallback}>
              <ReportSnapshotsPage />
            </Suspense>
          }
        />
        <Route
          path="/calendar"
          element={
            <Suspense fallback={pageFallback}>
              <CalendarPage />
            </Suspense>
          }
        />
        <Route
          path="/admin/users"
          element={
            <Suspense fallback={pageFallback}>
              <UsersPage />
            </Suspense>
          }
        />
        <Route path="*" element={<Navigate to="/tasks" replace />} />
      </Route>
    </Routes>
  );
}
