import { getDb } from "@/lib/db";
import { jsonRoute } from "@/lib/http/json-route";
import { namespaceQuery as query } from "@/lib/http/query-schemas";
import { badRequest } from "@/lib/errors";
import { parsePathspec } from "@/lib/domain/pathspec";
import { getRunDetail } from "@/lib/data/run-detail-read";
import { namespaceForRequest } from "@/lib/namespace-in-effect";

export const GET = jsonRoute(async (request: Request, ctx: { params: Promise<{ flow: string; run: string }> }) => {
  const p = await ctx.params;
  const { flow, run, step } = parsePathspec(`${p.flow}/${p.run}`);
  if (!run || step) throw badRequest(`"${p.flow}/${p.run}" is not a run pathspec such as HelloFlow/546.`);
  const params = query.parse(Object.fromEntries(new URL(request.url).searchParams));
  const db = await getDb();
  const { namespace, name } = await namespaceForRequest(db, params.namespace);
  const detail = await getRunDetail(db, namespace, flow, run);
  return Response.json({ namespace: name, ...detail });
});
