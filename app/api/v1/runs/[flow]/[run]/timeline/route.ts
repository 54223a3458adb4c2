// GET /api/v1/runs/{flow}/{run}/timeline?cursor=&limit=: a page of the run's tasks with their attempts, grouped by step.
import { jsonRoute } from "@/lib/http/json-route";
import { queryObject, runScope } from "@/lib/http/run-scope";
import { timelineQuery as query } from "@/lib/http/query-schemas";
import { timelinePage } from "@/lib/data/run-tasks-read";

export const GET = jsonRoute(async (request: Request, ctx: { params: Promise<{ flow: string; run: string }> }) => {
  const params = await ctx.params;
  const q = query.parse(queryObject(new URL(request.url).searchParams));
  const { db, run, namespace } = await runScope(request, params);
  return Response.json({ namespace, pathspec: run.pathspec, status: run.status, ...(await timelinePage(db, run, q)) });
});
