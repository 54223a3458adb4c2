// GET /api/v1/views → {views: [{id, userName, name, query, href}]}: every saved view of the runs list
import { getDb } from "@/lib/db";
import { jsonRoute } from "@/lib/http/json-route";
import { listSavedViews } from "@/lib/data/saved-views";

export const GET = jsonRoute(async () => {
  const views = await listSavedViews(await getDb());
  return Response.json({ views: views.map((v) => ({ ...v, href: `/views/${v.id}` })) }, { headers: { "cache-control": "no-store" } });
});
