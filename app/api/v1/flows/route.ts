import { getDb } from "@/lib/db";
import { jsonRoute } from "@/lib/http/json-route";
import { namespaceQuery as query } from "@/lib/http/query-schemas";
import { latestIsAmbiguous } from "@/lib/domain/namespace";
import { listFlowsInNamespace } from "@/lib/data/flows-read";
import { namespaceForRequest } from "@/lib/namespace-in-effect";

export const GET = jsonRoute(async (request: Request) => {
  const params = query.parse(Object.fromEntries(new URL(request.url).searchParams));
  const db = await getDb();
  const { namespace, name } = await namespaceForRequest(db, params.namespace);
  const flows = await listFlowsInNamespace(db, namespace);
  return Response.json({ namespace: name, latestIsAmbiguous: latestIsAmbiguous(namespace), flows });
});
