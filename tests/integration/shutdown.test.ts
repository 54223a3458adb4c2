// SIGTERM to the real server while it is busy: keep-alive clients sending
// without pause, an event stream open and a request in flight. The request in
// flight is answered, new connections are refused, the process exits 0 within
// 10 s and leaves the database closed (SQLite: checkpointed, no log left,
// integrity ok; PostgreSQL: every session ended by the client). npm start
// stops as a whole, whichever of its processes gets the signal. Both databases.
import { spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { Agent, request, type IncomingMessage } from "node:http";
import { connect } from "node:net";
import path from "node:path";
import { expect, it } from "vitest";
import { forEachDatabase } from "../setup/databases";
import { ensureBuild, freePort, metadataClient, startApp, systemTags, type AppServer } from "../setup/metadata-servers";
import { pgAbandonedSessions, sqliteState } from "./fixtures/database-state";

const root = path.resolve(import.meta.dirname, "../..");

/** A client on one keep-alive connection, sending GETs back to back until the server stops answering. */
function keepAliveClient(app: AppServer, p: string) {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const statuses: number[] = [];
  let stopped = false;
  const done = (async () => {
    while (!stopped) {
      try {
        statuses.push(
          await new Promise<number>((resolve, reject) => {
            const req = request({ agent, host: "127.0.0.1", port: app.port, path: p }, (res) => {
              res.resume();
              res.on("end", () => resolve(res.statusCode ?? 0));
            });
            req.on("error", reject);
            req.end();
          }),
        );
      } catch (e) {
        agent.destroy();
        return (e as NodeJS.ErrnoException).code ?? String(e);
      }
    }
    agent.destroy();
    return "stopped";
  })();
  return { statuses, done, stop: () => (stopped = true) };
}

/** A POST whose headers the server has read (it answered 100-continue) and whose body is still to come. */
function requestInFlight(app: AppServer, p: string, body: string) {
  return new Promise<{ finish: () => Promise<{ status: number; connection?: string; text: string }> }>((resolve, reject) => {
    const req = request({
      host: "127.0.0.1",
      port: app.port,
      path: p,
      method: "POST",
      headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body), expect: "100-continue" },
    });
    const answered = new Promise<IncomingMessage>((res) => req.on("response", res));
    req.on("error", reject);
    req.on("continue", () =>
      resolve({
        finish: async () => {
          req.end(body);
          const res = await answered;
          let text = "";
          for await (const chunk of res) text += chunk;
          return { status: res.statusCode ?? 0, connection: res.headers.connection, text };
        },
      }),
    );
    req.flushHeaders();
  });
}

function connectionRefused(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1");
    socket.once("connect", () => (socket.destroy(), resolve(false)));
    socket.once("error", (e: NodeJS.ErrnoException) => resolve(e.code === "ECONNREFUSED"));
  });
}

async function waitFor(what: string, probe: () => boolean | Promise<boolean>, ms = 20_000) {
  const deadline = Date.now() + ms;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Processes of a process group (Linux /proc). */
function processGroup(pgid: number): { pid: number; cmd: string }[] {
  const found: { pid: number; cmd: string }[] = [];
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (Number(fields[2]) !== pgid || fields[0] === "Z") continue;
      found.push({ pid: Number(name), cmd: readFileSync(`/proc/${name}/cmdline`, "utf8").replaceAll("\0", " ").trim() });
    } catch {
      /* gone meanwhile */
    }
  }
  return found;
}

forEachDatabase(
  "shutdown on SIGTERM",
  (t) => {
    it("finishes the request in flight, refuses new connections, closes streams and the database, and exits 0 within 10 s", async () => {
      const app = await startApp({ databaseUrl: t.url });
      try {
        const api = metadataClient(app);
        await api.post("/flows/StopFlow", {});
        await api.post("/flows/StopFlow/run", { user_name: "anne", system_tags: systemTags("anne") });

        const clients = ["/api/metadata/ping", "/api/metadata/flows/StopFlow/runs", "/api/v1/runs?namespace=global", "/api/metadata/flows"].map((p) =>
          keepAliveClient(app, p),
        );
        const stream = await fetch(`${app.url}/api/v1/events?namespace=global`);
        expect(stream.status).toBe(200);
        const reader = stream.body!.getReader();
        await reader.read(); // the stream's first frame: it is open
        const streamEnded = (async () => {
          while (!(await reader.read().catch(() => ({ done: true }))).done) {
            /* frames until the end */
          }
        })();
        await waitFor("every client to have been answered", () => clients.every((c) => c.statuses.length >= 3));
        const inFlight = await requestInFlight(app, "/api/metadata/flows/StopFlow/run", JSON.stringify({ user_name: "anne", system_tags: systemTags("anne") }));

        const signalled = Date.now();
        process.kill(app.pid, "SIGTERM");
        await waitFor("the server to notice the signal", () => /SIGTERM received/.test(app.output()));
        await waitFor("the listening socket to close", () => connectionRefused(app.port), 5000);
        const answer = await inFlight.finish();
        expect([answer.status, answer.connection]).toEqual([200, "close"]);
        expect(JSON.parse(answer.text).run_number).toBe(2);

        const exit = await app.exited;
        expect(Date.now() - signalled).toBeLessThan(10_000);
        expect(exit, app.output()).toEqual({ code: 0, signal: null });
        await streamEnded;
        for (const c of clients) {
          c.stop();
          // A client ends when the server closes its connection and refuses the next one; nothing it got was an error.
          expect(["ECONNREFUSED", "ECONNRESET", "stopped"]).toContain(await c.done);
          expect(c.statuses.filter((s) => s !== 200)).toEqual([]);
        }
        expect(app.output()).not.toMatch(/closing the database failed|still running after 10 s/);
      } finally {
        await app.stop();
      }

      if (t.kind === "sqlite") expect(sqliteState(t.config.kind === "sqlite" ? t.config.file : "")).toEqual({ integrity: "ok", walBytes: 0 });
      else expect(await pgAbandonedSessions(t.url)).toBe(0);
      const again = await startApp({ databaseUrl: t.url });
      try {
        expect((await metadataClient(again).get("/flows/StopFlow/runs")).body).toHaveLength(2);
      } finally {
        await again.stop();
      }
    });

    // npm start → node scripts/start.mjs (which serves in-process): either may get the signal.
    const cases = [
      ["npm", "SIGTERM"],
      ["server", "SIGTERM"],
      ["npm", "SIGKILL"],
    ] as const;
    for (const [target, signal] of cases) {
      it(`stops npm start as a whole when its ${target} process gets ${signal}, leaving no process behind`, async () => {
        await ensureBuild();
        const port = await freePort();
        const npm = spawn("npm", ["start"], {
          cwd: root,
          detached: true,
          stdio: ["ignore", "pipe", "pipe"],
          env: { ...process.env, DATABASE_URL: t.url, PORT: String(port), HOSTNAME: "127.0.0.1", FLOWDECK_DEMO: "0", NEXT_TELEMETRY_DISABLED: "1" },
        });
        let log = "";
        npm.stdout.on("data", (d) => (log += d));
        npm.stderr.on("data", (d) => (log += d));
        const exited = new Promise<number | null>((resolve) => npm.once("exit", (code) => resolve(code)));
        try {
          await waitFor(
            "npm start to serve",
            async () => {
              if (npm.exitCode !== null) throw new Error(`npm start exited (${npm.exitCode}):\n${log}`);
              return fetch(`http://127.0.0.1:${port}/api/metadata/ping`).then(
                (r) => r.ok,
                () => false,
              );
            },
            120_000,
          );
          const server = processGroup(npm.pid!).find((p) => /^node\b.*scripts\/start\.mjs$/.test(p.cmd));
          expect(server, JSON.stringify(processGroup(npm.pid!))).toBeDefined();
          const signalled = Date.now();
          process.kill(target === "npm" ? npm.pid! : server!.pid, signal);
          await waitFor("every process of npm start to exit", () => processGroup(npm.pid!).length === 0, 10_000);
          expect(Date.now() - signalled).toBeLessThan(10_000);
          if (signal !== "SIGKILL") expect(await exited).toBe(0);
          expect(await connectionRefused(port)).toBe(true);
          expect(log).toMatch(/SIGTERM received/);
        } finally {
          try {
            process.kill(-npm.pid!, "SIGKILL");
          } catch {
            /* already gone */
          }
        }
        if (t.kind === "sqlite") expect(sqliteState(t.config.kind === "sqlite" ? t.config.file : "")).toEqual({ integrity: "ok", walBytes: 0 });
        else expect(await pgAbandonedSessions(t.url)).toBe(0);
      }, 180_000);
    }
  },
  { client: false },
);
