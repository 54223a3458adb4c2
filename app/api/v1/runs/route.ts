// GET /api/v1/runs?namespace=…&tag=…&anyTag=…&notTag=…&status=…&flow=…&user=…&since=…&until=…&limit=…&cursor=…
import { getDb } from "@/lib/db";
import { jsonRoute } from "@/lib/http/json-route";
import { handleListRuns } from "@/lib/http/runs-api";
import { currentUser } from "@/lib/session";

export const GET = jsonRoute(async (request: Request) => handleListRuns(await getDb(), request, await currentUser()));
