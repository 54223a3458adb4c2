// GET /api/v1/runs/{flow}/{run}/parameters: the run's parameters and their values (read from its datastore).
import { jsonRoute } from "@/lib/http/json-route";
import { runScope } from "@/lib/http/run-scope";
import { runParameters } from "@/lib/data/run-explain-read";

export const GET = jsonRoute(async (request: Request, ctx: { params: Promise<{ flow: string; run: string }> }) => {
  const { db, run, namespace } = await runScope(request, await ctx.params);
  return Response.json({ namespace, pathspec: run.pathspec, parameters: await runParameters(db, run) });
});
