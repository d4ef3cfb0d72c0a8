import { lazy, ReactNode, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { createBrowserRouter, Navigate, RouterProvider } from 'react-router';
import { useAuth } from './auth/AuthContext';
import { RequireRole } from './auth/RequireRole';
import { Layout } from './layout/Layout';
import CaseLookupPage from './pages/case/CaseLookupPage';
import CasePage from './pages/case/CasePage';
import { homeOf } from './pages/sign-in/home';
import SignInPage from './pages/sign-in/SignInPage';
import WarehouseStationPage from './pages/warehouse/WarehouseStationPage';

// The merchant and ops pages (charts) load on first visit: the station does not download them.
const MerchantReviewPage = lazy(() => import('./pages/merchant/MerchantReviewPage'));
const OpsDeskPage = lazy(() => import('./pages/ops/OpsDeskPage'));

function Loading({ children }: { children: ReactNode }) {
  const { t } = useTranslation('common');
  return <Suspense fallback={<p>{t('loading')}</p>}>{children}</Suspense>;
}

function Home() {
  const { identity } = useAuth();
  return <Navigate to={identity ? homeOf(identity.role) : '/sign-in'} replace />;
}

function NotFound() {
  const { t } = useTranslation('common');
  return <p>{t('notFound')}</p>;
}

/** The console's routes, under /console (Vite's base). */
const router = createBrowserRouter(
  [
    {
      element: <Layout />,
      children: [
        { index: true, element: <Home /> },
        { path: 'sign-in', element: <SignInPage /> },
        {
          path: 'warehouse',
          element: (
            <RequireRole roles={['warehouse', 'ops']}>
              <WarehouseStationPage />
            </RequireRole>
          ),
        },
        {
          path: 'merchant',
          element: (
            <RequireRole roles={['merchant', 'ops']}>
              <Loading>
                <MerchantReviewPage />
              </Loading>
            </RequireRole>
          ),
        },
        {
          path: 'ops',
          element: (
            <RequireRole roles={['ops']}>
              <Loading>
                <OpsDeskPage />
              </Loading>
            </RequireRole>
          ),
        },
        {
          path: 'cases',
          element: (
            <RequireRole>
              <CaseLookupPage />
            </RequireRole>
          ),
        },
        {
          path: 'cases/:caseId',
          element: (
            <RequireRole>
              <CasePage />
            </RequireRole>
          ),
        },
        { path: '*', element: <NotFound /> },
      ],
    },
  ],
  { basename: import.meta.env.BASE_URL.replace(/\/$/, '') },
);

/** The console: routes /console/{sign-in,warehouse,merchant,ops,cases/:caseId}. */
export function App() {
  return <RouterProvider router={router} />;
}
