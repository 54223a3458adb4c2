import { getDb } from "@/lib/db";
import { jsonRoute } from "@/lib/http/json-route";
import { namespaceQuery as query } from "@/lib/http/query-schemas";
import { badRequest } from "@/lib/errors";
import { isFlowName } from "@/lib/domain/pathspec";
import { latestIsAmbiguous } from "@/lib/domain/namespace";
import { latestRunInNamespace } from "@/lib/data/flows-read";
import { namespaceForRequest } from "@/lib/namespace-in-effect";

export const GET = jsonRoute(async (request: Request, ctx: { params: Promise<{ flow: string }> }) => {
  const { flow } = await ctx.params;
  if (!isFlowName(flow)) throw badRequest(`"${flow.slice(0, 100)}" is not a flow name.`);
  const params = query.parse(Object.fromEntries(new URL(request.url).searchParams));
  const db = await getDb();
  const { namespace, name } = await namespaceForRequest(db, params.namespace);
  const run = await latestRunInNamespace(db, namespace, flow);
  return Response.json({ flow, namespace: name, latestIsAmbiguous: latestIsAmbiguous(namespace), run });
});
