// The queries bench:list times, each through the data-layer function the app
// calls, with parameters varied from call to call (users, tags, statuses,
// cursors, prefixes) and drawn from the fixture's own vocabulary.
import type { Db } from "../db";
import { listRuns } from "../data/runs-read";
import { listNamespaces } from "../data/namespaces-read";
import { suggestTags } from "../data/tags-read";
import { encodeCursor, parseRunFilters } from "../domain/run-filters";
import { sql, toNumber } from "../data/sql";
import { rng, zipf } from "./random";
import { SORT_KEYS } from "../domain/run-sort";
import { USERS, WORDS, MODELS, DATASETS, TICKETS, SPAN_MS } from "./vocabulary";
import type { FixtureSpec } from "./fixture";

export type Case = { name: string; call: (i: number) => Promise<number>; label: (i: number) => string };

export const DEEP_PAGE = 200;
const PAGE = 50;

/** Runs the list query as the runs API does; returns the page size. */
async function list(db: Db, query: string, now: number) {
  const { runs } = await listRuns(db, parseRunFilters(new URLSearchParams(query), "global"), now);
  return runs.length;
}

/** The cursor that opens page `page` of a namespace (what 199 "next" clicks would reach). */
export async function cursorForPage(db: Db, namespace: string, page: number): Promise<string | null> {
  const rows = await db.$queryRaw<{ ts: unknown; id: unknown }[]>(sql`
    SELECT created_ts AS ts, run_id AS id FROM run_tags WHERE tag = ${namespace}
    ORDER BY created_ts DESC, run_id DESC LIMIT 1 OFFSET ${(page - 1) * PAGE - 1}`);
  return rows.length ? encodeCursor({ ts: toNumber(rows[0].ts), id: toNumber(rows[0].id) }) : null;
}

export async function deepestPage(db: Db): Promise<number> {
  const [top] = await db.$queryRaw<{ n: unknown }[]>(sql`SELECT MAX(run_count) AS n FROM tag_stats WHERE tag LIKE 'user:%'`);
  return Math.max(2, Math.floor(toNumber(top?.n ?? 0) / PAGE));
}

export async function benchCases(db: Db, spec: FixtureSpec): Promise<Case[]> {
  const now = spec.nowMs;
  const r = rng(7);
  const word = zipf(WORDS.length, 1.1);
  const anyOf = <T>(xs: T[]) => xs[Math.floor(r() * xs.length)];
  const user = (i: number) => `user:${USERS[i % USERS.length]}`;
  const anyDate = () => `date:${new Date(now - Math.floor(r() * SPAN_MS)).toISOString().slice(0, 10)}`;
  // A second tag: common words mostly, sometimes a model, dataset, date or ticket (rare).
  const secondTag = () => {
    const k = r();
    if (k < 0.5) return WORDS[word(r())];
    if (k < 0.7) return `model:${anyOf(MODELS)}`;
    if (k < 0.8) return `dataset:v${1 + Math.floor(r() * DATASETS)}`;
    if (k < 0.9) return anyDate();
    return `ticket:FD-${1 + Math.floor(r() * TICKETS)}`;
  };
  const twoTags = Array.from({ length: 64 }, (_, i) => {
    const a = WORDS[word(r())];
    let b = secondTag();
    while (b === a) b = secondTag();
    return `namespace=${user(i)}&tag=${encodeURIComponent(a)}&tag=${encodeURIComponent(b)}`;
  });
  const statuses = ["completed", "failed", "running"];
  const tagStatus = Array.from({ length: 63 }, (_, i) => `namespace=${user(i)}&tag=${encodeURIComponent(WORDS[word(r())])}&status=${statuses[i % 3]}`);

  // Page 200 of every namespace that has one (a small fixture: its deepest page).
  const depth = Math.min(DEEP_PAGE, await deepestPage(db));
  const deep: string[] = [];
  for (const u of USERS) {
    const cursor = await cursorForPage(db, `user:${u}`, depth);
    if (cursor) deep.push(`namespace=user:${u}&cursor=${cursor}`);
  }

  const prefixes = [
    "n",
    "ni",
    "nig",
    "e",
    "ex",
    "b",
    "m",
    "mo",
    "model:",
    "model:x",
    "d",
    "da",
    "date:",
    "date:2025-0",
    "t",
    "ti",
    "ticket:FD-1",
    "team:",
    "u",
    "user:",
    "x",
    "xyz",
    "c",
    "cr",
    "g",
    "r",
    "h",
    "p",
    "production:",
    "s",
  ];

  const pick = <T>(xs: T[], i: number) => xs[i % xs.length];
  const listCase = (name: string, queries: string[]): Case => ({
    name,
    call: (i) => list(db, pick(queries, i), now),
    label: (i) => decodeURIComponent(pick(queries, i)),
  });
  const orders = await orderCases(db, now, depth, user);
  return [
    listCase(
      "own namespace, newest page",
      USERS.map((_, i) => `namespace=${user(i)}`),
    ),
    listCase("namespace + 2 tags", twoTags),
    listCase("namespace + tag + status", tagStatus),
    listCase(`deep cursor page (page ${depth})`, deep),
    ...orders.map((o) => listCase(o.name, o.queries)),
    { name: "namespaces page", call: async () => (await listNamespaces(db)).namespaces.length, label: () => "listNamespaces()" },
    { name: "tag autocomplete", call: async (i) => (await suggestTags(db, pick(prefixes, i))).length, label: (i) => `suggestTags("${pick(prefixes, i)}")` },
  ];
}

/**
 * Each order and direction: the first page of a namespace, the first page of a
 * namespace and a common tag, and a deep page (the cursor `depth - 1` pages
 * on, reached by walking the pages once before timing).
 */
async function orderCases(db: Db, now: number, depth: number, user: (i: number) => string) {
  const out: { name: string; queries: string[] }[] = [];
  for (const key of SORT_KEYS) {
    for (const dir of ["asc", "desc"] as const) {
      if (key === "start" && dir === "desc") continue; // the cases above
      const order = `sort=${key}&dir=${dir}`;
      const first = USERS.slice(0, 8).map((_, i) => `namespace=${user(i)}&${order}`);
      out.push({ name: `${key} ${dir}, first page`, queries: first });
      out.push({ name: `${key} ${dir}, ns + tag`, queries: USERS.slice(0, 8).map((_, i) => `namespace=${user(i)}&tag=${WORDS[i % 3]}&${order}`) });
      const deep: string[] = [];
      for (const q of first.slice(0, 2)) {
        let cursor: string | null = null;
        for (let page = 1; page < depth; page++) {
          cursor = (await listRuns(db, parseRunFilters(new URLSearchParams(`${q}${cursor ? `&cursor=${cursor}` : ""}`), "global"), now)).nextCursor;
          if (!cursor) break;
        }
        if (cursor) deep.push(`${q}&cursor=${cursor}`);
      }
      if (deep.length) out.push({ name: `${key} ${dir}, page ${depth}`, queries: deep });
    }
  }
  return out;
}
