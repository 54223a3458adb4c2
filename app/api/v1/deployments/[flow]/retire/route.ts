// POST /api/v1/deployments/{flow}/retire → retire a deployment made by mistake
import { getDb } from "@/lib/db";
import { jsonRoute } from "@/lib/http/json-route";
import { handleRetire } from "@/lib/http/production-api";
import { actorOf } from "@/lib/http/request";
import { currentUser } from "@/lib/session";

export const POST = jsonRoute(async (request: Request, ctx: { params: Promise<{ flow: string }> }) =>
  handleRetire(await getDb(), (await ctx.params).flow, actorOf(request, await currentUser())),
);
