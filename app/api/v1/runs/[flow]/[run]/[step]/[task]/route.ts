// GET /api/v1/runs/{flow}/{run}/{step}/{task}: the task's `current`, attempts, metadata and datastore.
import { jsonRoute } from "@/lib/http/json-route";
import { runScope } from "@/lib/http/run-scope";
import { getTaskDetail } from "@/lib/data/task-detail-read";

type Params = { flow: string; run: string; step: string; task: string };

export const GET = jsonRoute(async (request: Request, ctx: { params: Promise<Params> }) => {
  const { db, run, namespace, step, task } = await runScope(request, await ctx.params);
  return Response.json({ namespace, ...(await getTaskDetail(db, run, step!, task!)) });
});
