// Graceful shutdown on SIGTERM / SIGINT: stop accepting, let requests in
// flight finish, close idle and keep-alive connections (a keep-alive client
// that sends again gets `Connection: close`), end long-lived event streams,
// close the database, and exit — within 10 seconds whatever happens.
import type { Server, ServerResponse } from "node:http";

const DEADLINE_MS = 10_000;
/** Event streams never finish on their own: they end once other requests have. */
const isStream = (url: string | undefined) => !!url?.startsWith("/api/v1/events");

export function drainOnSignals(server: Server, closeResources: () => Promise<void>) {
  const inFlight = new Set<ServerResponse>();
  let stopping = false;
  let drained = () => {};

  server.on("request", (req, res) => {
    if (stopping) res.setHeader("connection", "close");
    if (isStream(req.url)) return;
    inFlight.add(res);
    res.once("close", () => {
      inFlight.delete(res);
      if (stopping && inFlight.size === 0) drained();
    });
  });

  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`Flowdeck: ${signal} received, finishing ${inFlight.size} request(s) in flight, then stopping.`);
    // Their connections close once answered (a keep-alive client would otherwise send again, and be cut off).
    for (const res of inFlight) if (!res.headersSent) res.setHeader("connection", "close");
    const hardStop = setTimeout(() => {
      console.error("Flowdeck: requests still running after 10 s; stopping anyway.");
      process.exit(1);
    }, DEADLINE_MS);
    hardStop.unref();
    server.close();
    server.closeIdleConnections();
    if (inFlight.size > 0) await new Promise<void>((resolve) => (drained = resolve));
    server.closeAllConnections(); // idle keep-alive sockets and event streams
    await closeResources().catch((e) => console.error("Flowdeck: closing the database failed", e));
    process.exit(0);
  };
  for (const signal of ["SIGTERM", "SIGINT", "SIGHUP"] as const) process.on(signal, () => void stop(signal));
}
