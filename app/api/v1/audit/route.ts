// GET /api/v1/audit?user=&tag=&run=&since=&until=&limit=&cursor= → {events, nextCursor}
import { getDb } from "@/lib/db";
import { jsonRoute } from "@/lib/http/json-route";
import { handleAudit } from "@/lib/http/tags-api";

export const GET = jsonRoute(async (request: Request) => handleAudit(await getDb(), request));
