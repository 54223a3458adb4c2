import type { Attempt } from "@/lib/domain/attempts";
import type { TaskMetadataRow } from "@/lib/data/task-detail-read";
import { StatusBadge } from "@/components/ui/status-badge";
import { formatDuration, formatTime } from "@/components/ui/format";

const th = "px-3 py-2 text-left text-xs font-medium text-zinc-600 dark:text-zinc-400";
const td = "px-3 py-1.5 align-top";

export function AttemptsTable({ attempts }: { attempts: Attempt[] }) {
  return (
    <section aria-labelledby="attempts-heading" className="space-y-2">
      <h2 id="attempts-heading" className="text-lg font-semibold">
        Attempts
      </h2>
      <table className="w-full overflow-hidden rounded-lg border border-zinc-200 text-sm dark:border-zinc-800">
        <thead className="bg-zinc-50 dark:bg-zinc-900">
          <tr>
            <th className={th}>Attempt</th>
            <th className={th}>Status</th>
            <th className={th}>Started</th>
            <th className={th}>Duration</th>
          </tr>
        </thead>
        <tbody>
          {attempts.map((a) => (
            <tr key={a.attempt} className="border-t border-zinc-100 dark:border-zinc-800">
              <td className={`${td} tabular-nums`}>{a.attempt}</td>
              <td className={td}>
                <StatusBadge status={a.status} />
              </td>
              <td className={td}>{formatTime(a.startTs)}</td>
              <td className={`${td} tabular-nums`}>{formatDuration(a.endTs !== null ? a.endTs - a.startTs : null)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

export function MetadataTable({ metadata }: { metadata: TaskMetadataRow[] }) {
  return (
    <section aria-labelledby="metadata-heading" className="space-y-2">
      <details>
        <summary className="cursor-pointer">
          <h2 id="metadata-heading" className="inline text-lg font-semibold">
            Metadata <span className="text-sm font-normal text-zinc-500">({metadata.length} rows)</span>
          </h2>
        </summary>
        <div className="mt-2 overflow-x-auto">
          <table className="w-full rounded-lg border border-zinc-200 text-sm dark:border-zinc-800" aria-label="Metadata">
            <thead className="bg-zinc-50 dark:bg-zinc-900">
              <tr>
                <th className={th}>Field</th>
                <th className={th}>Value</th>
                <th className={th}>Type</th>
                <th className={th}>Tags</th>
                <th className={th}>Recorded</th>
              </tr>
            </thead>
            <tbody>
              {metadata.map((m) => (
                <tr key={m.id} className="border-t border-zinc-100 dark:border-zinc-800">
                  <td className={`${td} font-mono`}>{m.fieldName}</td>
                  <td className={`${td} max-w-md font-mono break-all`}>{m.value}</td>
                  <td className={`${td} font-mono text-zinc-600 dark:text-zinc-400`}>{m.type}</td>
                  <td className={`${td} font-mono text-xs text-zinc-500`}>{m.tags.join(", ")}</td>
                  <td className={`${td} whitespace-nowrap text-zinc-600 dark:text-zinc-400`}>{formatTime(m.createdTs)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </section>
  );
}
