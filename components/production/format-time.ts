/** A stable, locale-independent time for server-rendered pages (no hydration mismatch). */
export function formatTime(ms: number): string {
  return new Date(ms).toISOString().replace("T", " ").slice(0, 16) + " UTC";
}
