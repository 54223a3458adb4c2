// Saved views: yours (rename, delete) and the team's, each opening the runs
// list as it was saved.
import type { Metadata } from "next";
import { getDb } from "@/lib/db";
import { currentUser } from "@/lib/session";
import { listSavedViews } from "@/lib/data/saved-views";
import { ViewsList } from "@/components/views/views-list";

export const metadata: Metadata = { title: "Views" };
export const dynamic = "force-dynamic";

export default async function ViewsPage() {
  const [views, user] = await Promise.all([getDb().then(listSavedViews), currentUser()]);
  const mine = views.filter((v) => v.userName === user);
  const team = views.filter((v) => v.userName !== user);
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Views</h1>
        <p className="mt-1 max-w-3xl text-sm text-zinc-600 dark:text-zinc-400">
          A view is the runs list with its namespace and filters, saved under a name with &ldquo;Save view&rdquo; on the Runs page. Each has its own link to
          share.
        </p>
      </div>
      <ViewsList title="Your views" views={mine} editable empty="You have no saved views yet: filter the runs list, then Save view." />
      <ViewsList title="The team's views" views={team} empty="Nobody else has saved a view yet." />
    </div>
  );
}
