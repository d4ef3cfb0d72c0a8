import { useQuery } from '@tanstack/react-query';

/** One identity `npm run dev` minted (scripts/dev.ts writes them to dev-identities.json beside the console). */
export interface DevIdentity {
  role: string;
  claims: Record<string, string>;
  token: string;
}

/**
 * The dev identities, or an empty list: the file exists only where `npm run dev` wrote it (a static file,
 * never an endpoint that mints tokens).
 */
export function useDevIdentities() {
  return useQuery({
    queryKey: ['dev-identities'],
    staleTime: Infinity,
    retry: false,
    queryFn: async (): Promise<DevIdentity[]> => {
      const response = await fetch(`${import.meta.env.BASE_URL}dev-identities.json`, { cache: 'no-store' });
      if (!response.ok) return [];
      if (!(response.headers.get('content-type') ?? '').includes('json')) return [];
      const body = (await response.json()) as { identities?: DevIdentity[] };
      return body.identities ?? [];
    },
  });
}
