// GET /api/v1/runs/{flow}/{run}/{step}/{task}/cards: the task's Metaflow cards found in its datastore.
import { jsonRoute } from "@/lib/http/json-route";
import { runScope } from "@/lib/http/run-scope";
import { taskCards } from "@/lib/data/task-detail-read";

type Params = { flow: string; run: string; step: string; task: string };

export const GET = jsonRoute(async (request: Request, ctx: { params: Promise<Params> }) => {
  const { db, run, namespace, step, task } = await runScope(request, await ctx.params);
  const { cards, where } = await taskCards(db, run, step!, task!);
  return Response.json({ namespace, cards, datastore: { readable: where.readable, reason: where.readable ? null : where.reason } });
});
