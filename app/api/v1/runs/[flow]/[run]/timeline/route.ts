// GET /api/v1/runs/{flow}/{run}/timeline?cursor=&limit=: a page of the run's tasks with their attempts, grouped by step.
import { z } from "zod";
import { jsonRoute } from "@/lib/http/json-route";
import { queryObject, runScope } from "@/lib/http/run-scope";
import { TASK_PAGE_DEFAULT, TASK_PAGE_MAX } from "@/lib/domain/task-list";
import { timelinePage } from "@/lib/data/run-tasks-read";

const query = z.object({
  cursor: z.string().max(500, "cursor is too long: pass nextCursor unchanged").optional(),
  limit: z.coerce.number({ message: "limit must be a number" }).int("limit must be a whole number")
    .min(1, "limit must be at least 1").max(TASK_PAGE_MAX, `limit must be at most ${TASK_PAGE_MAX}`).default(TASK_PAGE_DEFAULT),
  namespace: z.string().optional(),
});

export const GET = jsonRoute(async (request: Request, ctx: { params: Promise<{ flow: string; run: string }> }) => {
  const params = await ctx.params;
  const q = query.parse(queryObject(new URL(request.url).searchParams));
  const { db, run, namespace } = await runScope(request, params);
  return Response.json({ namespace, pathspec: run.pathspec, status: run.status, ...(await timelinePage(db, run, q)) });
});
