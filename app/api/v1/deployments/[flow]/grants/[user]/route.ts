// POST /api/v1/deployments/{flow}/grants/{user} → authorize {user} to deploy {flow}
// DELETE /api/v1/deployments/{flow}/grants/{user} → revoke it (never the last authorized person)
import { getDb } from "@/lib/db";
import { jsonRoute } from "@/lib/http/json-route";
import { handleGrant } from "@/lib/http/production-api";
import { actorOf } from "@/lib/http/request";
import { currentUser } from "@/lib/session";

type Ctx = { params: Promise<{ flow: string; user: string }> };

const grants = (method: "POST" | "DELETE") =>
  jsonRoute(async (request: Request, ctx: Ctx) => {
    const { flow, user } = await ctx.params;
    return handleGrant(await getDb(), method, flow, user, actorOf(request, await currentUser()));
  });

export const POST = grants("POST");
export const DELETE = grants("DELETE");
