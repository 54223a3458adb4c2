// GET /api/v1/runs/{flow}/{run}/{step}/{task}/logs?stream=stdout|stderr&attempt=N&cursor=&limit=&q=&namespace=…
// A page of a task's log lines: pushed to the database and, for Metaflow's
// local datastore, read from the files under the task's ds-root (within the
// allowed roots). Latest attempt by default; `nextCursor` continues, also
// after the end (follow mode); `q` searches (plain text, any case);
// `download=1` streams the whole log as text.
import { getDb } from "@/lib/db";
import { jsonRoute } from "@/lib/http/json-route";
import { taskLogsQuery as query } from "@/lib/http/query-schemas";
import { badRequest, notFound } from "@/lib/errors";
import { formatPathspec, parsePathspec } from "@/lib/domain/pathspec";
import { runInNamespace } from "@/lib/data/run-detail-read";
import { downloadTaskLog, readTaskLogs } from "@/lib/data/logs-read";
import { namespaceForRequest } from "@/lib/namespace-in-effect";

type Params = { flow: string; run: string; step: string; task: string };

export const GET = jsonRoute(async (request: Request, ctx: { params: Promise<Params> }) => {
  const p = await ctx.params;
  const spec = parsePathspec(`${p.flow}/${p.run}/${p.step}/${p.task}`);
  if (!spec.task) throw badRequest(`"${formatPathspec(p)}" is not a task pathspec such as HelloFlow/546/start/1139.`);
  const q = query.parse(Object.fromEntries(new URL(request.url).searchParams));
  const db = await getDb();
  const { namespace, name } = await namespaceForRequest(db, q.namespace);
  await runInNamespace(db, namespace, spec.flow, spec.run!);
  if (q.download) {
    const body = await downloadTaskLog(db, spec.flow, spec.run!, spec.step!, spec.task, q.stream, q.attempt);
    if (!body) throw notFound(`Task ${formatPathspec(spec)} does not exist.`);
    const file = `${[spec.flow, spec.run, spec.step, spec.task].join("-")}.${q.stream}.log`.replace(/[^\w.-]/g, "_");
    return new Response(body, { headers: { "content-type": "text/plain; charset=utf-8", "content-disposition": `attachment; filename="${file}"` } });
  }
  const logs = await readTaskLogs(db, spec.flow, spec.run!, spec.step!, spec.task, q.stream, q.attempt, {
    cursor: q.cursor,
    limit: q.limit,
    q: q.q || undefined,
  });
  if (!logs) throw notFound(`Task ${formatPathspec(spec)} does not exist.`);
  return Response.json({ namespace: name, pathspec: formatPathspec(spec), stream: q.stream, ...logs });
});
