// GET /api/v1/events?namespace=… : server-sent events of changes (new runs,
// status, tags, tasks) for the namespace being viewed. Bounded per instance
// and per client (lib/live/stream-limits.ts).
import { jsonError, jsonRoute } from "@/lib/http/json-route";
import { eventsQuery as query } from "@/lib/http/query-schemas";
import { parseNamespace } from "@/lib/domain/namespace";
import { changeStreamResponse } from "@/lib/live/sse";
import { subscribeChanges } from "@/lib/live/subscribe";
import { RETRY_AFTER_S, streamClientOf, streamLimiter } from "@/lib/live/stream-limits";

export const GET = jsonRoute(async (request: Request) => {
  const { namespace } = query.parse({ namespace: new URL(request.url).searchParams.get("namespace") ?? undefined });
  const ns = parseNamespace(namespace);
  const admission = streamLimiter().admit(streamClientOf(request.headers));
  if (!admission.ok) {
    const refused = jsonError(admission.status, admission.code, admission.message);
    refused.headers.set("retry-after", String(RETRY_AFTER_S));
    return refused;
  }
  return changeStreamResponse({
    namespace: ns,
    signal: request.signal,
    subscribe: (listener) => subscribeChanges(listener),
    onClose: admission.release,
  });
});
