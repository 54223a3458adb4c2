// POST /api/v1/tag-edits {"runs": [...]} or {"filter": {...}}, plus {"add", "remove"} → {changed, unchanged, failed}
import { getDb } from "@/lib/db";
import { jsonRoute } from "@/lib/http/json-route";
import { handleBulkTagEdit } from "@/lib/http/tags-api";
import { actorOf } from "@/lib/http/request";
import { currentUser } from "@/lib/session";

export const POST = jsonRoute(async (request: Request) => handleBulkTagEdit(await getDb(), request, actorOf(request, await currentUser())));
