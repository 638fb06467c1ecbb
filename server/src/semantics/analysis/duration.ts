/** Durations in analysis messages (parsing: ../go/duration.ts). */

/** `90` → `1m30s`, for messages. */
export function formatSeconds(seconds: number): string {
  if (seconds === 0) return '0s';
  const parts: string[] = [];
  let rest = Math.round(seconds * 1000) / 1000;
  const h = Math.floor(rest / 3600);
  if (h) parts.push(`${h}h`);
  rest -= h * 3600;
  const m = Math.floor(rest / 60);
  if (m) parts.push(`${m}m`);
  rest = Math.round((rest - m * 60) * 1000) / 1000;
  if (rest) parts.push(`${rest}s`);
  return parts.join('');
}
