import { useTranslation } from 'react-i18next';
import { NavLink, Outlet, useNavigate } from 'react-router';
import { useAuth } from '../auth/AuthContext';
import { Language, LANGUAGES, switchLanguage } from '../i18n';
import { usePolicyTime } from '../time/policy-time';

const PAGES_OF_ROLE: Record<string, Array<'warehouse' | 'merchant' | 'ops'>> = {
  warehouse: ['warehouse'],
  merchant: ['merchant'],
  ops: ['ops', 'warehouse', 'merchant'],
};

/** The header (pages of the role, language switch, identity, sign out) above the current page. */
export function Layout() {
  const { t, i18n } = useTranslation('common');
  const { identity, signOut } = useAuth();
  const navigate = useNavigate();
  const { timeZone } = usePolicyTime();
  const pages = identity ? (PAGES_OF_ROLE[identity.role] ?? []) : [];
  return (
    <div className="app">
      <header className="header">
        <strong className="brand">{t('appName')}</strong>
        <nav aria-label="pages">
          {pages.map((page) => (
            <NavLink key={page} to={`/${page}`}>
              {t(`nav.${page}`)}
            </NavLink>
          ))}
        </nav>
        <span className="spacer" />
        <small className="zone">{t('timeZone', { zone: timeZone })}</small>
        <label>
          {t('language')}{' '}
          <select
            aria-label="language"
            value={i18n.language}
            onChange={(event) => switchLanguage(event.target.value as Language)}
          >
            {LANGUAGES.map((language) => (
              <option key={language} value={language}>
                {language === 'zh-CN' ? '中文' : 'English'}
              </option>
            ))}
          </select>
        </label>
        {identity && (
          <>
            <span className="identity">{t('signedInAs', { sub: identity.sub, role: identity.role })}</span>
            <button
              type="button"
              onClick={() => {
                signOut();
                navigate('/sign-in');
              }}
            >
              {t('signOut')}
            </button>
          </>
        )}
      </header>
      <main className="main">
        <Outlet />
      </main>
    </div>
  );
}
