// GET /api/v1/runs/{flow}/{run}/dag: the steps as a graph (from _graph_info, else the recorded steps) with a layout.
import { jsonRoute } from "@/lib/http/json-route";
import { runScope } from "@/lib/http/run-scope";
import { stepsOfRun } from "@/lib/data/steps-read";
import { runDag } from "@/lib/data/run-explain-read";

export const GET = jsonRoute(async (request: Request, ctx: { params: Promise<{ flow: string; run: string }> }) => {
  const { db, run, namespace } = await runScope(request, await ctx.params);
  const { dag, layout } = await runDag(db, run, await stepsOfRun(db, run));
  return Response.json({ namespace, pathspec: run.pathspec, ...dag, layout });
});
