import "server-only";
// Hears the changes lib/live/publish.ts announces. SQLite: the in-process
// bus. PostgreSQL: one LISTEN connection per app instance and database,
// shared by every subscriber, reconnecting after a drop. After a reconnect
// subscribers get a "resync": events may have been missed meanwhile.
import pg from "pg";
import { databaseConfig } from "../db";
import type { DatabaseConfig } from "../config/database";
import { CHANNEL, localBus, type WriterEvent } from "./publish";

export type LiveMessage = WriterEvent | { kind: "resync" };
export type Listener = (message: LiveMessage) => void;
export type Subscription = {
  /** Resolves once changes published from now on will be heard. */
  ready: Promise<void>;
  close(): void;
};

const RETRY_MIN_MS = 500;
const RETRY_MAX_MS = 15_000;

class PgListener {
  private listeners = new Set<Listener>();
  private client?: pg.Client;
  private retryMs = RETRY_MIN_MS;
  private timer?: NodeJS.Timeout;
  private connected?: Promise<void>;
  private everConnected = false;

  constructor(
    private readonly url: string,
    private readonly onIdle: () => void,
  ) {}

  add(listener: Listener): Subscription {
    this.listeners.add(listener);
    this.connected ??= this.connect();
    return {
      ready: this.connected,
      close: () => {
        this.listeners.delete(listener);
        if (!this.listeners.size) void this.shutdown();
      },
    };
  }

  private connect(): Promise<void> {
    return new Promise((resolve) => {
      const attempt = async () => {
        if (!this.listeners.size) return resolve();
        const client = new pg.Client({ connectionString: this.url, keepAlive: true });
        client.on("notification", (n) => this.deliver(n.payload));
        client.on("error", (e) => this.dropped(client, e));
        client.on("end", () => this.dropped(client));
        try {
          await client.connect();
          await client.query(`LISTEN ${CHANNEL}`);
        } catch (e) {
          client.removeAllListeners("end");
          client.end().catch(() => {});
          console.error(`flowdeck: live updates could not listen, retrying in ${this.retryMs} ms:`, (e as Error).message);
          this.timer = setTimeout(attempt, this.retryMs);
          this.retryMs = Math.min(this.retryMs * 2, RETRY_MAX_MS);
          return;
        }
        if (!this.listeners.size) {
          // Everyone left while we were connecting.
          client.removeAllListeners("end");
          client.end().catch(() => {});
          return resolve();
        }
        this.client = client;
        this.retryMs = RETRY_MIN_MS;
        if (this.everConnected) this.fanOut({ kind: "resync" });
        this.everConnected = true;
        resolve();
      };
      void attempt();
    });
  }

  private dropped(client: pg.Client, error?: Error) {
    if (this.client !== client) return;
    this.client = undefined;
    client.removeAllListeners();
    client.on("error", () => {});
    client.end().catch(() => {});
    if (!this.listeners.size) return;
    console.error("flowdeck: live updates lost their database connection; reconnecting", error?.message ?? "");
    this.connected = new Promise((resolve) => {
      this.timer = setTimeout(() => void this.connect().then(resolve), this.retryMs);
    });
  }

  private deliver(payload: string | undefined) {
    if (!payload) return;
    try {
      this.fanOut(JSON.parse(payload) as WriterEvent);
    } catch {
      console.error("flowdeck: ignored a malformed change notification");
    }
  }

  private fanOut(message: LiveMessage) {
    for (const listener of this.listeners) {
      try {
        listener(message);
      } catch (e) {
        console.error("flowdeck: a live update listener failed", e);
      }
    }
  }

  /** Resolves once the LISTEN connection has said goodbye to the server. */
  shutdown(): Promise<void> {
    this.listeners.clear();
    clearTimeout(this.timer);
    const client = this.client;
    this.client = undefined;
    this.connected = undefined;
    this.everConnected = false;
    this.onIdle();
    if (!client) return Promise.resolve();
    client.removeAllListeners();
    client.on("error", () => {});
    const ended = client.end().catch(() => {});
    ending.add(ended);
    return ended.finally(() => ending.delete(ended));
  }
}

const g = globalThis as unknown as { __flowdeckListeners?: Map<string, PgListener>; __flowdeckEnding?: Set<Promise<void>> };
const pgListeners = (g.__flowdeckListeners ??= new Map());
/** LISTEN connections being closed (the last subscriber left): shutdown waits for them too. */
const ending = (g.__flowdeckEnding ??= new Set());

/** Calls `listener` for every change announced on the database (default: DATABASE_URL's). */
export function subscribeChanges(listener: Listener, config: DatabaseConfig = databaseConfig()): Subscription {
  if (config.kind === "sqlite") {
    const bus = localBus();
    bus.on("change", listener);
    return { ready: Promise.resolve(), close: () => bus.off("change", listener) };
  }
  let hub = pgListeners.get(config.url);
  if (!hub) {
    hub = new PgListener(config.url, () => pgListeners.delete(config.url));
    pgListeners.set(config.url, hub);
  }
  return hub.add(listener);
}

/** Ends every LISTEN connection of this process (at shutdown, before it exits). */
export async function closeChangeListeners(): Promise<void> {
  await Promise.all([...pgListeners.values()].map((hub) => hub.shutdown()));
  await Promise.all([...ending]);
}
