import { FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';
import { useAuth } from '../../auth/AuthContext';
import { useDevIdentities } from '../../auth/dev-identities';
import { homeOf } from './home';

/** Sign-in: the dev identities `npm run dev` minted (when it did), or a pasted bearer token. */
export default function SignInPage() {
  const { t } = useTranslation('signIn');
  const { signIn } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const devIdentities = useDevIdentities();
  const [token, setToken] = useState('');
  const [invalid, setInvalid] = useState(false);
  const from = (location.state as { from?: string } | null)?.from;

  const enter = (value: string) => {
    const identity = signIn(value);
    setInvalid(!identity);
    if (identity) navigate(from ?? homeOf(identity.role), { replace: true });
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    enter(token);
  };

  return (
    <section className="sign-in">
      <h1>{t('title')}</h1>
      {(devIdentities.data ?? []).length > 0 && (
        <fieldset>
          <legend>{t('devTitle')}</legend>
          {devIdentities.data?.map((identity) => (
            <button key={identity.token} type="button" onClick={() => enter(identity.token)}>
              {t('useIdentity', { role: identity.role })} <code>{JSON.stringify(identity.claims)}</code>
            </button>
          ))}
        </fieldset>
      )}
      <form onSubmit={submit}>
        <label htmlFor="token">{t('pasteLabel')}</label>
        <textarea
          id="token"
          rows={4}
          autoFocus
          value={token}
          onChange={(event) => setToken(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
              event.preventDefault();
              enter(token);
            }
          }}
        />
        <small>{t('pasteHint')}</small>
        {invalid && (
          <p role="alert" className="error">
            {t('invalid')}
          </p>
        )}
        <button type="submit">{t('submit')}</button>
      </form>
    </section>
  );
}
