// GET /api/v1/resolve?pathspec=…&namespace=… → {href, pathspec, corrected}
// Where "Go to pathspec" leads. A flow name typed in the wrong case is
// corrected to the recorded one (corrected: true), so predictionflow/8 opens PredictionFlow/8.
import { getDb } from "@/lib/db";
import { jsonRoute } from "@/lib/http/json-route";
import { resolveQuery } from "@/lib/http/query-schemas";
import { badRequest } from "@/lib/errors";
import { formatPathspec, parsePathspec } from "@/lib/domain/pathspec";
import { flowNameLike } from "@/lib/data/resolve";
import { pathspecTarget } from "@/components/ui/links";

export const GET = jsonRoute(async (request: Request) => {
  const parsed = resolveQuery.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) throw badRequest(parsed.error.issues[0].message);
  const { pathspec: typed, namespace } = parsed.data;
  const spec = parsePathspec(typed);
  const recorded = (await flowNameLike(await getDb(), spec.flow)) ?? spec.flow;
  const pathspec = formatPathspec({ ...spec, flow: recorded });
  return Response.json({ href: pathspecTarget(pathspec, namespace || null), pathspec, corrected: recorded !== spec.flow });
});
