/** The signed-in identity: the bearer token (session storage only) and the claims the console shows. */
export interface Identity {
  token: string;
  role: string;
  sub: string;
  customerId?: string;
  merchantId?: string;
  supplierId?: string;
  expiresAt?: number;
}

const KEY = 'aftersales.console.token';

/** The claims of a JWT (the API verifies it; the console only reads who it says it is). */
export function identityOf(token: string): Identity | null {
  const parts = token.trim().split('.');
  if (parts.length !== 3) return null;
  try {
    const json = atob(parts[1].replace(/-/g, '+').replace(/_/g, '/'));
    const claims = JSON.parse(json) as Record<string, unknown>;
    if (typeof claims.role !== 'string' || typeof claims.sub !== 'string') return null;
    const text = (key: string) => (typeof claims[key] === 'string' ? (claims[key] as string) : undefined);
    return {
      token: token.trim(),
      role: claims.role,
      sub: claims.sub,
      customerId: text('customerId'),
      merchantId: text('merchantId'),
      supplierId: text('supplierId'),
      expiresAt: typeof claims.exp === 'number' ? claims.exp * 1000 : undefined,
    };
  } catch {
    return null;
  }
}

/** The token of this tab's session, if any. */
export function storedToken(): string | null {
  return sessionStorage.getItem(KEY);
}

/** Keeps `token` for this tab only (never localStorage, never a cookie). */
export function storeToken(token: string | null): void {
  if (token === null) sessionStorage.removeItem(KEY);
  else sessionStorage.setItem(KEY, token.trim());
}
