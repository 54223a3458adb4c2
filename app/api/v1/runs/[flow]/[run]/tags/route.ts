// PATCH /api/v1/runs/{flow}/{run}/tags {"add": [...], "remove": [...]} → {tags, systemTags}
import { getDb } from "@/lib/db";
import { jsonRoute } from "@/lib/http/json-route";
import { actorOf, handleEditRunTags } from "@/lib/http/tags-api";
import { currentUser } from "@/lib/session";

export const PATCH = jsonRoute(async (request: Request, ctx: { params: Promise<{ flow: string; run: string }> }) =>
  handleEditRunTags(await getDb(), request, await ctx.params, actorOf(request, await currentUser())));
