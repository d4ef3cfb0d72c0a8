import { useTranslation } from 'react-i18next';
import { usePolicy } from '../api/policy';

/**
 * The zone times are shown in until `GET /v1/policy` answers (and before sign-in): the shipped policy's.
 * Then every time the console shows is in the policy's `timeZone`, whatever the browser's zone.
 */
export const POLICY_TIME_ZONE_DEFAULT = 'Asia/Shanghai';

/** `iso` as a date and time in `timeZone`, in `locale`, with the zone's short name. */
export function formatInZone(iso: string | undefined | null, timeZone: string, locale: string): string {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locale, {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hour12: false,
    timeZoneName: 'short',
  }).format(date);
}

/** What is left until `iso` from `now`, as `1d 02:03:04` (negative: `-00:10:00`). */
export function countdown(iso: string, now: number): { text: string; ms: number } {
  const ms = new Date(iso).getTime() - now;
  const total = Math.floor(Math.abs(ms) / 1000);
  const days = Math.floor(total / 86400);
  const pad = (n: number) => String(n).padStart(2, '0');
  const clock = `${pad(Math.floor((total % 86400) / 3600))}:${pad(Math.floor((total % 3600) / 60))}:${pad(total % 60)}`;
  return { text: `${ms < 0 ? '-' : ''}${days > 0 ? `${days}d ` : ''}${clock}`, ms };
}

/** A formatter of times in the policy's zone and the current language. */
export function usePolicyTime(): { timeZone: string; format(iso: string | undefined | null): string } {
  const { i18n } = useTranslation();
  const timeZone = usePolicy().data?.timeZone ?? POLICY_TIME_ZONE_DEFAULT;
  return { timeZone, format: (iso) => formatInZone(iso, timeZone, i18n.language) };
}
