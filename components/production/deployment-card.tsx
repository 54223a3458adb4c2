// One deployed flow on the Production screen: its namespace now and before,
// who may deploy it, what you may do, and its history.
import Link from "next/link";
import type { DeploymentView } from "@/lib/data/production-read";
import type { ProductionGuard } from "@/lib/domain/deployment-policy";
import { formatTime } from "@/components/production/format-time";
import { namespaceHref } from "@/components/ui/links";
import { DeploymentActions } from "./deployment-actions";
import { ProductionHistory } from "./production-history";

const runs = (n: number) => `${n} ${n === 1 ? "run" : "runs"}`;
const LINK = "font-mono text-sky-700 hover:underline dark:text-sky-300";

export function DeploymentCard({ deployment: d, user, guard }: { deployment: DeploymentView; user: string; guard: ProductionGuard }) {
  const retired = d.retiredTs !== null;
  const authorized = d.authorized.map((a) => a.userName);
  return (
    <section aria-labelledby={`deployment-${d.flow}`} className="rounded-lg border border-zinc-200 p-4 dark:border-zinc-800">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id={`deployment-${d.flow}`} className="text-lg font-semibold">
          {d.flow}
        </h2>
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          {retired ? (
            <>Retired on {formatTime(d.retiredTs!)}</>
          ) : (
            <>
              Last deployed by <strong>{d.deployedBy}</strong> on {formatTime(d.updatedTs)}
            </>
          )}
          <span className="ml-2 text-zinc-500">version {d.version + 1}</span>
        </p>
      </div>
      <dl className="mt-3 grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[max-content_1fr]">
        {retired ? null : (
          <>
            <dt className="text-zinc-500">Namespace</dt>
            <dd>
              <Link className={LINK} href={namespaceHref(d.namespace)}>
                {d.namespace}
              </Link>{" "}
              <span className="text-zinc-500">({runs(d.runCount)})</span>
            </dd>
            <dt className="text-zinc-500">Authorized</dt>
            <dd>
              {authorized.join(", ")}
              {authorized.includes(user) ? <span className="ml-2 text-emerald-700 dark:text-emerald-300">(including you)</span> : null}
            </dd>
          </>
        )}
        {d.previous.length ? (
          <>
            <dt className="text-zinc-500">Earlier namespaces</dt>
            <dd>
              <ul aria-label={`Earlier namespaces of ${d.flow}`} className="space-y-0.5">
                {d.previous.map((p) => (
                  <li key={p.namespace}>
                    <Link className={LINK} href={namespaceHref(p.namespace)}>
                      {p.namespace}
                    </Link>{" "}
                    <span className="text-zinc-500">
                      ({runs(p.runCount)}, until {p.replacedTs ? formatTime(p.replacedTs) : "now"})
                    </span>
                  </li>
                ))}
              </ul>
            </dd>
          </>
        ) : null}
      </dl>
      <DeploymentActions
        flow={d.flow}
        namespace={d.namespace}
        runCount={d.runCount}
        authorized={authorized}
        user={user}
        guard={guard}
        retired={retired}
        deployedBy={d.deployedBy}
      />
      <ProductionHistory flow={d.flow} events={d.events} />
    </section>
  );
}
