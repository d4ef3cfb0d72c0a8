import { useQuery } from '@tanstack/react-query';
import { useAuth } from '../auth/AuthContext';
import { api, unwrap } from './client';

/** `GET /v1/policy` (every role): the policy's version, time zone and clocks; read once per session. */
export function usePolicy() {
  const { identity } = useAuth();
  return useQuery({
    queryKey: ['policy', identity?.token ?? null],
    enabled: identity !== null,
    staleTime: Infinity,
    queryFn: async () => unwrap(await api.GET('/v1/policy')),
  });
}
