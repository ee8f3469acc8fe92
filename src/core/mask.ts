/** Hides the middle of a secret so that it can be shown in messages: `ATAT…9F2C`. */
export function maskSecret(secret: string): string {
  const s = secret.replace(/\s+/g, ' ');
  if (s.length >= 20) return `${s.slice(0, 4)}…${s.slice(-4)}`;
  if (s.length >= 10) return `${s.slice(0, 2)}…${s.slice(-2)}`;
  return '…'.padStart(Math.min(s.length, 3), '*');
}
