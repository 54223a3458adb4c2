// The production server: one node:http server in one process. It answers the
// metadata API (/api/metadata, on every Metaflow task's path) and the
// dashboard's hot JSON reads (lib/server/dashboard-api.ts) itself, without the App
// Router's per-request cost, and hands every other request to Next.
// Started by scripts/serve.mjs (npm start and the tests). Env: PORT (3000),
// HOSTNAME (0.0.0.0; the machine's own name, a shell default, counts as unset).
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import os from "node:os";
import path from "node:path";
import next from "next";
import { createDispatcher, BASE_PATH } from "../metadata-api/router";
import { metadataRoutes } from "../metadata-api/routes";
import { fromNode, toNode } from "../metadata-api/transport";
import { countingStatements } from "../data/driver";
import { closeDb, getDb } from "../db";
import { closeChangeListeners } from "../live/subscribe";
import { announcementsSent } from "../live/publish";
import { drainOnSignals } from "./shutdown";
import { metadataAdmission } from "./metadata-admission";
import { API_SECURITY_HEADERS, applySecurityHeaders } from "../http/security-headers";
import { BAD_ENCODING, decodedSegments } from "../http/url-text";
import { sharingAnswers } from "./shared-answers";

const root = path.resolve(import.meta.dirname, "../..");
const port = Number(process.env.PORT || 3000);
const hostEnv = process.env.HOSTNAME;
const host = hostEnv && hostEnv !== os.hostname() ? hostEnv : "0.0.0.0";

const dispatch = createDispatcher(metadataRoutes);
const admit = metadataAdmission();

function isMetadataApi(url: string): boolean {
  if (!url.startsWith(BASE_PATH)) return false;
  const next = url.charCodeAt(BASE_PATH.length);
  return Number.isNaN(next) || next === 47 /* / */ || next === 63; /* ? */
}

async function serveMetadata(req: IncomingMessage, res: ServerResponse) {
  // A client that left while its request waited: nothing to answer.
  if (res.destroyed) return;
  const { value: reply, statements } = await countingStatements(() => dispatch(fromNode(req, res)));
  if (statements !== null) reply.headers["x-flowdeck-statements"] = String(statements);
  toNode(reply, req, res, API_SECURITY_HEADERS);
}

const app = next({ dev: false, dir: root, hostname: host === "0.0.0.0" ? "localhost" : host, port });
const handleNext = app.getRequestHandler();
await Promise.all([app.prepare(), getDb()]);
// After prepare: the route functions import next/headers, which needs the AsyncLocalStorage Next sets up.
const { dashboardRouteOf, serveDashboardRoute } = await import("./dashboard-api");

function serveDashboard(route: NonNullable<ReturnType<typeof dashboardRouteOf>>, req: IncomingMessage, res: ServerResponse) {
  return serveDashboardRoute(route, req, res).catch((e) => {
    console.error(`[flowdeck] GET ${req.url} failed`, e);
    if (!res.headersSent) res.writeHead(500, { "content-type": "application/json" });
    res.end(JSON.stringify({ error: { code: "internal", message: "Something went wrong on the server. Please try again." } }));
  });
}

/** Everything but the metadata API: the dashboard's hot JSON reads here, the rest in Next. */
function serveRest(req: IncomingMessage, res: ServerResponse) {
  const route = dashboardRouteOf(req);
  return route ? serveDashboard(route, req, res) : handleNext(req, res);
}

// Identical GETs in flight share one answer (shared-answers.ts): of pages and of the JSON reads above. Not of
// Next's build files (read from disk), nor of other API routes (the event stream never ends).
const serveShared = sharingAnswers(serveRest);
const mayShare = (req: IncomingMessage, url: string) =>
  req.method === "GET" && !url.startsWith("/_next/") && (!url.startsWith("/api/") || dashboardRouteOf(req) !== null);

const server = createServer();
drainOnSignals(server, async () => {
  await announcementsSent();
  await closeChangeListeners();
  await closeDb();
});
server.on("request", (req: IncomingMessage, res: ServerResponse) => {
  if (isMetadataApi(req.url ?? "")) {
    admit(() => serveMetadata(req, res)).catch((e) => {
      console.error("[flowdeck] metadata API request failed", e);
      if (!res.headersSent) res.writeHead(500, { ...API_SECURITY_HEADERS, "content-type": "application/json" });
      res.end(JSON.stringify({ message: "The metadata service failed to answer this request; it has been logged." }));
    });
    return;
  }
  // Next would answer a broken %-encoding in the path with a bare 500.
  if (!decodedSegments((req.url ?? "/").split("?")[0])) {
    applySecurityHeaders(res);
    res.writeHead(400, { "content-type": "application/json" });
    res.end(JSON.stringify({ error: { code: "bad_request", message: BAD_ENCODING } }));
    return;
  }
  if (mayShare(req, req.url ?? "/")) serveShared(req, res);
  else void serveRest(req, res);
});
// Longer than the keep-alive of common proxies (60 s), so they close first.
server.keepAliveTimeout = 65_000;

server.listen(port, host, () => console.log(`Flowdeck: serving on http://${host}:${port}`));
