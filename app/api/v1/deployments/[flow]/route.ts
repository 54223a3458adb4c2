// GET /api/v1/deployments/{flow} → the deployment and its history
// POST /api/v1/deployments/{flow} {"authorize"?: token, "generateNewToken"?: true} → deploy
import { getDb } from "@/lib/db";
import { jsonRoute } from "@/lib/http/json-route";
import { handleDeploy, handleGetDeployment } from "@/lib/http/production-api";
import { actorOf } from "@/lib/http/request";
import { currentUser } from "@/lib/session";

type Ctx = { params: Promise<{ flow: string }> };

export const GET = jsonRoute(async (_request: Request, ctx: Ctx) => handleGetDeployment(await getDb(), (await ctx.params).flow));

export const POST = jsonRoute(async (request: Request, ctx: Ctx) =>
  handleDeploy(await getDb(), request, (await ctx.params).flow, actorOf(request, await currentUser())),
);
