// GET /api/v1/runs/{flow}/{run}/{step}/{task}/cards/{id}: one card's HTML, served sandboxed: the card's
// scripts run, but in an opaque origin, so they cannot reach Flowdeck or its cookies.
import { jsonRoute } from "@/lib/http/json-route";
import { runScope } from "@/lib/http/run-scope";
import { notFound } from "@/lib/errors";
import { readCard } from "@/lib/data/datastore";
import { taskCards } from "@/lib/data/task-detail-read";

type Params = { flow: string; run: string; step: string; task: string; id: string };

export const GET = jsonRoute(async (request: Request, ctx: { params: Promise<Params> }) => {
  const { id, ...params } = await ctx.params;
  const { db, run, step, task } = await runScope(request, params);
  const { entries, where } = await taskCards(db, run, step!, task!);
  const card = entries.find((c) => c.id === decodeURIComponent(id));
  if (!card) throw notFound(`Task ${run.pathspec}/${step}/${task} has no card ${decodeURIComponent(id)}.`);
  const read = await readCard(where, card);
  if (!read.ok) throw notFound(read.reason);
  return new Response(new Uint8Array(read.bytes), {
    headers: {
      "content-type": "text/html; charset=utf-8",
      "content-security-policy":
        "sandbox allow-scripts; default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data: blob:; font-src data:; frame-ancestors 'self'",
      "x-content-type-options": "nosniff",
      "cache-control": "private, max-age=60",
    },
  });
});
