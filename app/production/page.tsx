import type { Metadata } from "next";
import { getDb } from "@/lib/db";
import { listDeployments } from "@/lib/data/production-read";
import { productionGuard } from "@/lib/domain/deployment-policy";
import { currentUser } from "@/lib/session";
import { DeployForm } from "@/components/production/deploy-form";
import { DeploymentCard } from "@/components/production/deployment-card";

export const metadata: Metadata = { title: "Production" };
export const dynamic = "force-dynamic";

export default async function ProductionPage() {
  const [deployments, user] = await Promise.all([getDb().then((db) => listDeployments(db)), currentUser()]);
  const guard = productionGuard();
  return (
    <div className="space-y-8">
      <div className="max-w-3xl space-y-2 text-sm text-zinc-600 dark:text-zinc-400">
        <h1 className="text-2xl font-semibold tracking-tight text-zinc-900 dark:text-zinc-100">Production</h1>
        <p>
          Each production deployment has a token; its runs carry <code>production:&lt;token&gt;</code> instead of a user namespace, so experiments never mix
          with production results. Whoever deploys first is authorized. A new token starts a fresh, empty namespace; earlier runs stay where they were.
        </p>
        {guard === "grants" ? (
          <p>
            <strong>Strict mode</strong> (<code>FLOWDECK_PRODUCTION_GUARD=grants</code>): presenting a token is not enough; only a grant by an authorized person
            authorizes someone to deploy.
          </p>
        ) : (
          <p>
            <strong>What a token is for:</strong> as in Metaflow, the token guards against deploying by accident, not against a determined person: it is part of
            the namespace name, so anyone who can see production runs can read it. Anyone else presents it once (
            <code>flowdeck deploy FLOW --authorize TOKEN</code>) and is authorized from then on. Teams that need more set{" "}
            <code>FLOWDECK_PRODUCTION_GUARD=grants</code>.
          </p>
        )}
        <p>
          Production runs get the token from the scheduler: <code>METAFLOW_PRODUCTION_TOKEN=&lt;token&gt;</code>.
        </p>
      </div>
      <DeployForm user={user} />
      {deployments.length === 0 ? (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">Nothing has been deployed to production yet.</p>
      ) : (
        <ul className="space-y-6" aria-label="Deployments">
          {deployments.map((d) => (
            <li key={d.flow}>
              <DeploymentCard deployment={d} user={user} guard={guard} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
