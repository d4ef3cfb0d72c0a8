import { usePolicyTime } from './policy-time';

/** A time shown in the policy's time zone (the ISO instant in the title and datetime). */
export function PolicyTime({ iso }: { iso: string | undefined | null }) {
  const { format, timeZone } = usePolicyTime();
  if (!iso) return <span>—</span>;
  return (
    <time dateTime={iso} title={`${iso} (${timeZone})`}>
      {format(iso)}
    </time>
  );
}
