import "server-only";
// The runs list and tag autocomplete of the dashboard API, as plain functions
// of a client and a request so tests can call them on either database.
import type { Db } from "../db";
import { parseRunFilters } from "../domain/run-filters";
import { userNamespace } from "../domain/namespace";
import { queryParamError } from "../domain/query-params";
import { listRuns } from "../data/runs-read";
import { whileClientWaits } from "../data/driver";
import { suggestTags } from "../data/tags-read";
import { tagSuggestionsQuery as tagQuery } from "./query-schemas";
import { getDb } from "../db";
import { jsonRoute } from "./json-route";

/** GET /api/v1/runs → { runs, nextCursor }. Without `namespace`, the caller's own. */
export async function handleListRuns(db: Db, request: Request, user: string): Promise<Response> {
  const params = new URL(request.url).searchParams;
  const filters = parseRunFilters(params, userNamespace(user));
  const page = await whileClientWaits(request.signal, () => listRuns(db, filters));
  return Response.json(page, { headers: { "cache-control": "no-store" } });
}

/**
 * The route GET /api/v1/runs, wherever it is served: by Next (app/api/v1/runs)
 * or by the custom server (lib/server/dashboard-api.ts), each telling who asks.
 */
export const listRunsRoute = (userOf: (request: Request) => Promise<string>) =>
  jsonRoute(async (request: Request) => handleListRuns(await getDb(), request, await userOf(request)));

/** GET /api/v1/tags?prefix=… → { suggestions: [{ value, kind, system, runCount }] }. */
export async function handleSuggestTags(db: Db, request: Request): Promise<Response> {
  const params = new URL(request.url).searchParams;
  const parsed = tagQuery.safeParse({
    prefix: params.get("prefix") ?? undefined,
    limit: params.get("limit") || undefined,
  });
  if (!parsed.success) throw queryParamError(parsed.error);
  const suggestions = await suggestTags(db, parsed.data.prefix, parsed.data.limit);
  return Response.json({ suggestions }, { headers: { "cache-control": "no-store" } });
}
