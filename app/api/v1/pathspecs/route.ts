// GET /api/v1/pathspecs?prefix=…&namespace=… → { suggestions: [{ pathspec, kind, status? }] }
// What "Go to pathspec" suggests as you type.
import { getDb } from "@/lib/db";
import { jsonRoute } from "@/lib/http/json-route";
import { pathspecSuggestionsQuery } from "@/lib/http/query-schemas";
import { queryParamError } from "@/lib/domain/query-params";
import { suggestPathspecs } from "@/lib/data/pathspec-suggestions";
import { namespaceForRequest } from "@/lib/namespace-in-effect";

export const GET = jsonRoute(async (request: Request) => {
  const parsed = pathspecSuggestionsQuery.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) throw queryParamError(parsed.error);
  const db = await getDb();
  const { name } = await namespaceForRequest(db, parsed.data.namespace);
  return Response.json({ suggestions: await suggestPathspecs(db, parsed.data.prefix, name) }, { headers: { "cache-control": "no-store" } });
});
