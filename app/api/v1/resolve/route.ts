// GET /api/v1/resolve?pathspec=…&namespace=… → {href, pathspec, corrected}
// Where "Go to pathspec" leads. A flow name typed in the wrong case is
// corrected to the recorded one (corrected: true), so predictionflow/8 opens PredictionFlow/8.
import { getDb } from "@/lib/db";
import { jsonRoute } from "@/lib/http/json-route";
import { badRequest } from "@/lib/errors";
import { formatPathspec, parsePathspec } from "@/lib/domain/pathspec";
import { flowNameLike } from "@/lib/data/resolve";
import { pathspecTarget } from "@/components/ui/links";

export const GET = jsonRoute(async (request: Request) => {
  const params = new URL(request.url).searchParams;
  const typed = params.get("pathspec") ?? "";
  if (typed.length > 2000) throw badRequest("That is too long to be a pathspec.");
  const spec = parsePathspec(typed);
  const recorded = (await flowNameLike(await getDb(), spec.flow)) ?? spec.flow;
  const pathspec = formatPathspec({ ...spec, flow: recorded });
  return Response.json({ href: pathspecTarget(pathspec, params.get("namespace") || null), pathspec, corrected: recorded !== spec.flow });
});
