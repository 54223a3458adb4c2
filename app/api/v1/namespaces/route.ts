import { z } from "zod";
import { getDb } from "@/lib/db";
import { jsonRoute } from "@/lib/http/json-route";
import { limitParam } from "@/lib/domain/query-params";
import { listNamespaces, NAMESPACES_DEFAULT_LIMIT, NAMESPACES_MAX_LIMIT } from "@/lib/data/namespaces-read";

const query = z.object({
  prefix: z.string().max(500, "prefix must be at most 500 characters").optional(),
  limit: limitParam(NAMESPACES_MAX_LIMIT, NAMESPACES_DEFAULT_LIMIT),
});

export const GET = jsonRoute(async (request: Request) => {
  const params = query.parse(Object.fromEntries(new URL(request.url).searchParams));
  return Response.json(await listNamespaces(await getDb(), params));
});
