import { RememberingLink } from "@/components/ui/remembering-link";
import type { NamespaceInfo } from "@/lib/data/namespaces-read";
import type { NamespaceKind } from "@/lib/domain/namespace";
import { GLOBAL } from "@/lib/domain/namespace";
import { formatAgo, formatTime } from "@/components/ui/format";
import { namespaceHref } from "@/components/ui/links";

const KIND: Record<NamespaceKind | "global", { label: string; style: string }> = {
  user: { label: "User", style: "bg-violet-50 text-violet-800 dark:bg-violet-900/30 dark:text-violet-200" },
  production: { label: "Production", style: "bg-amber-50 text-amber-800 dark:bg-amber-900/30 dark:text-amber-200" },
  tag: { label: "Tag", style: "bg-zinc-100 text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300" },
  global: { label: "Global", style: "bg-sky-50 text-sky-800 dark:bg-sky-900/30 dark:text-sky-200" },
};

function Row({
  name,
  label,
  kind,
  runs,
  last,
  current,
  now,
}: {
  name: string;
  label: string;
  kind: NamespaceKind | "global";
  runs: string;
  last: number | null;
  current: boolean;
  now: number;
}) {
  return (
    <tr aria-current={current ? "true" : undefined} className={current ? "bg-sky-50/60 dark:bg-sky-950/40" : "hover:bg-zinc-50 dark:hover:bg-zinc-900/60"}>
      <th scope="row" className="py-2.5 pr-4 pl-4 text-left font-normal">
        <RememberingLink
          href={namespaceHref(name)}
          namespace={name}
          className="font-mono text-sm break-all text-sky-700 hover:underline dark:text-sky-300"
          aria-label={current ? `${label} (current namespace)` : `Switch to ${label}`}
        >
          {label}
        </RememberingLink>
        {current ? <span className="ml-2 rounded-full bg-sky-700 px-2 py-0.5 text-xs font-medium text-white dark:bg-sky-700">Current</span> : null}
      </th>
      <td className="px-4 py-2.5">
        <span className={`rounded px-1.5 py-0.5 text-xs font-medium ${KIND[kind].style}`}>{KIND[kind].label}</span>
      </td>
      <td className="px-4 py-2.5 text-right tabular-nums">{runs}</td>
      <td className="px-4 py-2.5 text-zinc-600 dark:text-zinc-400">
        {last === null ? (
          "—"
        ) : (
          <time dateTime={new Date(last).toISOString()} title={formatTime(last)}>
            {formatAgo(last, now)}
          </time>
        )}
      </td>
    </tr>
  );
}

export function NamespaceTable({ namespaces, current, showGlobal, now }: { namespaces: NamespaceInfo[]; current: string; showGlobal: boolean; now: number }) {
  return (
    <div className="overflow-x-auto rounded-lg border border-zinc-200 dark:border-zinc-800">
      <table className="w-full text-sm">
        <caption className="sr-only">Namespaces with their run counts and last activity</caption>
        <thead className="bg-zinc-50 text-left text-xs font-medium tracking-wide text-zinc-500 uppercase dark:bg-zinc-900 dark:text-zinc-400">
          <tr>
            <th scope="col" className="px-4 py-2">
              Namespace
            </th>
            <th scope="col" className="px-4 py-2">
              Kind
            </th>
            <th scope="col" className="px-4 py-2 text-right">
              Runs
            </th>
            <th scope="col" className="px-4 py-2">
              Last activity
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800/70">
          {showGlobal ? <Row name={GLOBAL} label="Global" kind="global" runs="all" last={null} current={current === GLOBAL} now={now} /> : null}
          {namespaces.map((n) => (
            <Row
              key={n.name}
              name={n.name}
              label={n.name}
              kind={n.kind}
              runs={n.runCount.toLocaleString("en-US")}
              last={n.lastActivityTs}
              current={current === n.name}
              now={now}
            />
          ))}
        </tbody>
      </table>
    </div>
  );
}
