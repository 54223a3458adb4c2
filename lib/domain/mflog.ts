// Metaflow's log lines (mflog): [MFLOG|0|<iso time>Z|<source>|<id>]<text>,
// optionally after "[!" when the line was written by Metaflow itself.
export type LogLineView = { ts: number | null; line: string; source: string };

const MFLOG = /^(?:\[!)?\[MFLOG\|0\|(.+?)Z\|(.+?)\|(.+?)\](.*)$/;

export function parseMflogLine(raw: string, fallbackSource: string): LogLineView {
  const m = MFLOG.exec(raw);
  if (!m) return { ts: null, line: raw, source: fallbackSource };
  const ts = Date.parse(`${m[1]}Z`);
  return { ts: Number.isFinite(ts) ? ts : null, line: m[4], source: m[2] };
}

/** Splits an mflog file into lines; unparsable lines keep their text and no time. */
export function parseMflog(text: string, fallbackSource: string): LogLineView[] {
  const lines = text.split("\n");
  if (lines.at(-1) === "") lines.pop();
  return lines.map((raw) => parseMflogLine(raw, fallbackSource));
}

/** One line as Metaflow writes it. */
export function formatMflogLine(ts: number, source: string, text: string, id = "0"): string {
  return `[MFLOG|0|${new Date(ts).toISOString().replace(/Z$/, "")}Z|${source}|${id}]${text}`;
}

/** Case-insensitive plain-text search (not a regular expression: a person types it). */
export function matchesSearch(line: string, q: string): boolean {
  return line.toLowerCase().includes(q.toLowerCase());
}
