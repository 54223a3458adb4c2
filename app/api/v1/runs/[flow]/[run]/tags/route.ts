// GET /api/v1/runs/{flow}/{run}/tags?namespace= → {tags, systemTags}
// PATCH /api/v1/runs/{flow}/{run}/tags {"add": [...], "remove": [...]} → {tags, systemTags}
import { getDb } from "@/lib/db";
import { jsonRoute } from "@/lib/http/json-route";
import { handleEditRunTags, handleGetRunTags } from "@/lib/http/tags-api";
import { actorOf } from "@/lib/http/request";
import { namespaceForRequest } from "@/lib/namespace-in-effect";
import { currentUser } from "@/lib/session";

export const PATCH = jsonRoute(async (request: Request, ctx: { params: Promise<{ flow: string; run: string }> }) =>
  handleEditRunTags(await getDb(), request, await ctx.params, actorOf(request, await currentUser())),
);

export const GET = jsonRoute(async (request: Request, ctx: { params: Promise<{ flow: string; run: string }> }) => {
  const db = await getDb();
  const { namespace } = await namespaceForRequest(db, new URL(request.url).searchParams.get("namespace"));
  return handleGetRunTags(db, request, await ctx.params, namespace);
});
