import Link from "next/link";
import type { DeploymentView } from "@/lib/data/production-read";
import { formatTime } from "@/components/production/format-time";

const KIND_LABEL: Record<string, string> = {
  deploy: "Deployed",
  authorize: "Authorized",
  refuse: "Refused",
  rotate: "New token",
};

const KIND_STYLE: Record<string, string> = {
  deploy: "bg-emerald-100 text-emerald-800 dark:bg-emerald-900/40 dark:text-emerald-200",
  authorize: "bg-sky-100 text-sky-800 dark:bg-sky-900/40 dark:text-sky-200",
  refuse: "bg-rose-100 text-rose-800 dark:bg-rose-900/40 dark:text-rose-200",
  rotate: "bg-amber-100 text-amber-800 dark:bg-amber-900/40 dark:text-amber-200",
};

export function DeploymentCard({ deployment: d, user }: { deployment: DeploymentView; user: string }) {
  const youMay = d.authorized.some((a) => a.userName === user);
  return (
    <section
      aria-labelledby={`deployment-${d.flow}`}
      className="rounded-lg border border-zinc-200 p-4 dark:border-zinc-800"
    >
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id={`deployment-${d.flow}`} className="text-lg font-semibold">
          {d.flow}
        </h2>
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          Last deployed by <strong>{d.deployedBy}</strong> on {formatTime(d.updatedTs)}
        </p>
      </div>
      <dl className="mt-3 grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[max-content_1fr]">
        <dt className="text-zinc-500">Namespace</dt>
        <dd>
          <Link className="font-mono text-sky-700 hover:underline dark:text-sky-300" href={`/?namespace=${encodeURIComponent(d.namespace)}`}>
            {d.namespace}
          </Link>{" "}
          <span className="text-zinc-500">({d.runCount} {d.runCount === 1 ? "run" : "runs"})</span>
        </dd>
        <dt className="text-zinc-500">Authorized</dt>
        <dd>
          {d.authorized.map((a) => a.userName).join(", ")}
          {youMay ? <span className="ml-2 text-emerald-700 dark:text-emerald-300">(you may redeploy and rotate)</span> : null}
        </dd>
      </dl>
      <h3 className="mt-4 text-sm font-medium">History</h3>
      <ol className="mt-2 space-y-1.5 text-sm" aria-label={`History of ${d.flow}`}>
        {d.events.map((e) => (
          <li key={e.id} className="flex flex-wrap items-baseline gap-x-2">
            <span className={`rounded px-1.5 py-0.5 text-xs font-medium ${KIND_STYLE[e.kind] ?? ""}`}>
              {KIND_LABEL[e.kind] ?? e.kind}
            </span>
            <time className="text-zinc-500" dateTime={new Date(e.ts).toISOString()}>
              {formatTime(e.ts)}
            </time>
            <span className="font-medium">{e.actor}</span>
            <span className="text-zinc-700 dark:text-zinc-300">{e.message}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}
