import { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation } from 'react-router';
import { useAuth } from './AuthContext';

/** Sends visitors without a token to the sign-in page; says so when the role may not open the page. */
export function RequireRole({ roles, children }: { roles?: string[]; children: ReactNode }) {
  const { identity } = useAuth();
  const location = useLocation();
  const { t } = useTranslation('common');
  if (!identity) return <Navigate to="/sign-in" replace state={{ from: location.pathname }} />;
  if (roles && !roles.includes(identity.role)) {
    return (
      <p role="alert" className="error">
        {t('wrongRole', { role: identity.role, roles: roles.join(', ') })}
      </p>
    );
  }
  return <>{children}</>;
}
