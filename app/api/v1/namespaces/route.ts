import { getDb } from "@/lib/db";
import { jsonRoute } from "@/lib/http/json-route";
import { namespacesQuery as query } from "@/lib/http/query-schemas";
import { listNamespaces } from "@/lib/data/namespaces-read";

export const GET = jsonRoute(async (request: Request) => {
  const params = query.parse(Object.fromEntries(new URL(request.url).searchParams));
  return Response.json(await listNamespaces(await getDb(), params));
});
