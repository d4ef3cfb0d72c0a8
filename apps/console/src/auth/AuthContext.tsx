import { createContext, ReactNode, useCallback, useContext, useMemo, useState } from 'react';
import { Identity, identityOf, storedToken, storeToken } from './session';

interface Auth {
  identity: Identity | null;
  signIn(token: string): Identity | null;
  signOut(): void;
}

const AuthContext = createContext<Auth | null>(null);

/** Holds the identity of the token kept in session storage. */
export function AuthProvider({ children }: { children: ReactNode }) {
  const [identity, setIdentity] = useState<Identity | null>(() => {
    const token = storedToken();
    return token ? identityOf(token) : null;
  });
  const signIn = useCallback((token: string) => {
    const next = identityOf(token);
    if (next) {
      storeToken(next.token);
      setIdentity(next);
    }
    return next;
  }, []);
  const signOut = useCallback(() => {
    storeToken(null);
    setIdentity(null);
  }, []);
  const value = useMemo(() => ({ identity, signIn, signOut }), [identity, signIn, signOut]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

/** The signed-in identity and the sign-in/out actions. */
export function useAuth(): Auth {
  const auth = useContext(AuthContext);
  if (!auth) throw new Error('useAuth outside AuthProvider');
  return auth;
}
