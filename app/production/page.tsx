import type { Metadata } from "next";
import { getDb } from "@/lib/db";
import { listDeployments } from "@/lib/data/production-read";
import { currentUser } from "@/lib/session";
import { DeployForm } from "@/components/production/deploy-form";
import { DeploymentCard } from "@/components/production/deployment-card";

export const metadata: Metadata = { title: "Production" };
export const dynamic = "force-dynamic";

export default async function ProductionPage() {
  const [deployments, user] = await Promise.all([getDb().then((db) => listDeployments(db)), currentUser()]);
  return (
    <div className="space-y-8">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Production</h1>
        <p className="mt-1 max-w-3xl text-sm text-zinc-600 dark:text-zinc-400">
          Each production deployment has a token; its runs carry <code>production:&lt;token&gt;</code> instead of a
          user namespace. Whoever deployed first is authorized; anyone else presents the current token once. A new
          token starts a fresh, empty namespace. Every deploy, authorization, refusal and rotation is kept below.
        </p>
      </div>
      <DeployForm user={user} />
      {deployments.length === 0 ? (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">Nothing has been deployed to production yet.</p>
      ) : (
        <ul className="space-y-6" aria-label="Deployments">
          {deployments.map((d) => (
            <li key={d.flow}>
              <DeploymentCard deployment={d} user={user} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
