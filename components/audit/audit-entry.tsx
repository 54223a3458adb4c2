// One audit event as a line a person reads: who did what, from where, when.
import type { AuditEntry } from "@/lib/data/audit-read";
import { formatTime } from "@/components/ui/format";

const SOURCES: Record<string, string> = {
  ui: "the dashboard",
  api: "the HTTP API",
  "metadata-api": "a Metaflow client",
  cli: "the flowdeck CLI",
};

function Tags({ tags, verb, tone }: { tags: string[]; verb: string; tone: "add" | "remove" }) {
  if (!tags.length) return null;
  const style =
    tone === "add"
      ? "bg-emerald-50 text-emerald-800 dark:bg-emerald-900/30 dark:text-emerald-200"
      : "bg-rose-50 text-rose-800 line-through decoration-rose-400/70 dark:bg-rose-900/30 dark:text-rose-200";
  return (
    <>
      {" "}
      {verb}{" "}
      {tags.map((t, i) => (
        <span key={t}>
          {i ? " " : ""}
          <code className={`rounded px-1 py-px text-xs break-all ${style}`}>{t}</code>
        </span>
      ))}
    </>
  );
}

export function sourceLabel(source: string): string {
  return SOURCES[source] ?? source;
}

/** "anne added candidate, removed draft", then (unless brief) the time and the source. */
export function AuditEntryText({ entry, brief }: { entry: AuditEntry; brief?: boolean }) {
  if (entry.kind !== "tags_changed") {
    // A production event tells itself in its message.
    const message = typeof entry.detail?.message === "string" ? entry.detail.message : entry.kind;
    return (
      <>
        <span className="font-medium">{entry.actor}</span>: {message}
      </>
    );
  }
  return (
    <>
      <span className="font-medium">{entry.actor}</span>
      <Tags tags={entry.added} verb="added" tone="add" />
      {entry.added.length && entry.removed.length ? "," : null}
      <Tags tags={entry.removed} verb="removed" tone="remove" />
      {brief ? null : (
        <span className="text-zinc-500 dark:text-zinc-400">
          {" "}
          · <time dateTime={new Date(entry.ts).toISOString()}>{formatTime(entry.ts)}</time> · via {sourceLabel(entry.source)}
        </span>
      )}
    </>
  );
}
