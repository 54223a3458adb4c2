// GET /api/v1/events?namespace=… : server-sent events of changes (new runs,
// status, tags, tasks) for the namespace being viewed.
import { jsonRoute } from "@/lib/http/json-route";
import { eventsQuery as query } from "@/lib/http/query-schemas";
import { parseNamespace } from "@/lib/domain/namespace";
import { changeStreamResponse } from "@/lib/live/sse";
import { subscribeChanges } from "@/lib/live/subscribe";

export const GET = jsonRoute(async (request: Request) => {
  const { namespace } = query.parse({ namespace: new URL(request.url).searchParams.get("namespace") ?? undefined });
  return changeStreamResponse({
    namespace: parseNamespace(namespace),
    signal: request.signal,
    subscribe: (listener) => subscribeChanges(listener),
  });
});
