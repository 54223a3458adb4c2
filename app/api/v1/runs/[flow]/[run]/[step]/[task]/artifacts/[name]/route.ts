// GET /api/v1/runs/{flow}/{run}/{step}/{task}/artifacts/{name}?attempt=: one artifact with a preview of its value.
import { jsonRoute } from "@/lib/http/json-route";
import { queryObject, runScope } from "@/lib/http/run-scope";
import { artifactPreview } from "@/lib/data/task-detail-read";
import { attemptQuery } from "@/lib/domain/task-list";

type Params = { flow: string; run: string; step: string; task: string; name: string };

export const GET = jsonRoute(async (request: Request, ctx: { params: Promise<Params> }) => {
  const { name, ...params } = await ctx.params;
  const q = attemptQuery.parse(queryObject(new URL(request.url).searchParams));
  const { db, run, namespace, step, task } = await runScope(request, params);
  return Response.json({ namespace, ...(await artifactPreview(db, run, step!, task!, decodeURIComponent(name), q.attempt)) });
});
