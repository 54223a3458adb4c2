// GET /api/v1/runs/{flow}/{run}/tag-history?limit=&cursor= → {events, nextCursor}
import { getDb } from "@/lib/db";
import { jsonRoute } from "@/lib/http/json-route";
import { handleRunTagHistory } from "@/lib/http/tags-api";

export const GET = jsonRoute(async (request: Request, ctx: { params: Promise<{ flow: string; run: string }> }) =>
  handleRunTagHistory(await getDb(), request, await ctx.params),
);
