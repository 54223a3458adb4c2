// GET /api/v1/runs/count?<the runs list filters> → {count, capped}
import { getDb } from "@/lib/db";
import { jsonRoute } from "@/lib/http/json-route";
import { handleCountRuns } from "@/lib/http/tags-api";
import { currentUser } from "@/lib/session";

export const GET = jsonRoute(async (request: Request) => handleCountRuns(await getDb(), request, await currentUser()));
