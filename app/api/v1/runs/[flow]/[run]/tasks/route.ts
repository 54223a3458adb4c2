// GET /api/v1/runs/{flow}/{run}/tasks?step=&status=&sort=start|duration&order=&cursor=&limit=: a page of the run's tasks.
import { jsonRoute } from "@/lib/http/json-route";
import { queryObject, runScope } from "@/lib/http/run-scope";
import { taskListQuery } from "@/lib/domain/task-list";
import { listRunTasks } from "@/lib/data/run-tasks-read";

export const GET = jsonRoute(async (request: Request, ctx: { params: Promise<{ flow: string; run: string }> }) => {
  const params = await ctx.params;
  const q = taskListQuery.parse(queryObject(new URL(request.url).searchParams));
  const { db, run, namespace } = await runScope(request, params);
  return Response.json({ namespace, pathspec: run.pathspec, ...(await listRunTasks(db, run, q)) });
});
