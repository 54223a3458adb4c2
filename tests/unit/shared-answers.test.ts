// Identical GETs in flight sharing one answer (lib/server/shared-answers.ts),
// over a real node:http server on localhost: one answer per batch, never one
// that started before a request arrived, a fresh nonce on every copy (also
// inside a gzip body), and no sharing across cookies, of an answer that sets
// a cookie, or of one whose client left before it was whole.
import http, { type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import zlib from "node:zlib";
import { afterEach, expect, it } from "vitest";
import { sharingAnswers } from "@/lib/server/shared-answers";

type Handler = (req: IncomingMessage, res: ServerResponse) => unknown;
const servers: http.Server[] = [];
afterEach(() => Promise.all(servers.splice(0).map((s) => new Promise((r) => (s.closeAllConnections(), s.close(r))))));

/** A server answering through sharingAnswers(handler); `arrived` counts the requests it got. */
async function serve(handler: Handler) {
  const server = http.createServer(sharingAnswers(handler));
  let arrived = 0;
  server.prependListener("request", () => arrived++);
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, arrived: () => arrived };
}

/**
 * Pages numbered in the order they start, carrying the nonce of their CSP and who asked; each
 * sends its first bytes at once and the rest when the test calls finish().
 */
function pages(options: { gzip?: boolean; setCookie?: boolean } = {}) {
  let started = 0;
  const unfinished: (() => void)[] = [];
  const handler: Handler = (req, res) => {
    const n = ++started;
    const nonce = `nonce${n}${"x".repeat(20)}`;
    res.setHeader("content-security-policy", `script-src 'nonce-${nonce}'`);
    res.setHeader("content-type", "text/html");
    if (options.setCookie) res.setHeader("set-cookie", `seen=${n}`);
    if (options.gzip) res.setHeader("content-encoding", "gzip");
    const body = `<script nonce="${nonce}">page ${n}</script><p>for ${req.headers.cookie ?? "anyone"}</p>`;
    const bytes = options.gzip ? zlib.gzipSync(body) : Buffer.from(body);
    res.write(bytes.subarray(0, 10));
    unfinished.push(() => res.end(bytes.subarray(10)));
  };
  const finish = () => unfinished.splice(0).forEach((end) => end());
  return { handler, started: () => started, finish };
}

async function get(url: string, init: { headers?: Record<string, string>; signal?: AbortSignal } = {}) {
  const res = await fetch(url, init);
  const csp = res.headers.get("content-security-policy") ?? "";
  return { status: res.status, nonce: /'nonce-([^']+)'/.exec(csp)?.[1], body: await res.text(), cookie: res.headers.get("set-cookie") };
}

it("answers the identical requests that arrive meanwhile with the next answer, each copy with its own nonce", async () => {
  const page = pages();
  const { url, arrived } = await serve(page.handler);
  const first = get(url);
  await expect.poll(page.started).toBe(1);
  const others = Promise.all(Array.from({ length: 8 }, () => get(url)));
  await expect.poll(arrived).toBe(9);
  page.finish();
  // Page 1 started before they arrived: they share page 2, made once page 1 is done.
  await expect.poll(page.started).toBe(2);
  page.finish();
  const all = [await first, ...(await others)];
  expect(page.started()).toBe(2);
  expect(all.map((a) => a.status)).toEqual(all.map(() => 200));
  expect(all[0].body).toContain("page 1");
  for (const a of all.slice(1)) expect(a.body).toContain("page 2");
  expect(new Set(all.map((a) => a.nonce)).size).toBe(all.length);
  for (const a of all) expect(a.body).toContain(`<script nonce="${a.nonce}">`);
});

it("recompresses a gzip answer around each copy's nonce", async () => {
  const page = pages({ gzip: true });
  const { url, arrived } = await serve(page.handler);
  const first = get(url);
  await expect.poll(page.started).toBe(1);
  const copies = Promise.all([get(url), get(url), get(url)]);
  await expect.poll(arrived).toBe(4);
  page.finish();
  await expect.poll(page.started).toBe(2);
  page.finish();
  await first;
  const answers = await copies;
  for (const c of answers) {
    expect(c.body).toContain("page 2");
    expect(c.body).toContain(`<script nonce="${c.nonce}">`);
  }
  expect(new Set(answers.map((c) => c.nonce)).size).toBe(3);
});

it("shares nothing between different cookies", async () => {
  const page = pages();
  const { url, arrived } = await serve(page.handler);
  const first = get(url, { headers: { cookie: "user=anne" } });
  await expect.poll(page.started).toBe(1);
  const anne = get(url, { headers: { cookie: "user=anne" } });
  const will = get(url, { headers: { cookie: "user=will" } });
  await expect.poll(arrived).toBe(3);
  expect(page.started()).toBe(2); // will's, at once
  page.finish();
  await expect.poll(page.started).toBe(3); // anne's second, once her first is done
  page.finish();
  await first;
  expect((await anne).body).toMatch(/page 3.*for user=anne/);
  expect((await will).body).toMatch(/page 2.*for user=will/);
});

it("answers alone those who waited for an answer that sets a cookie", async () => {
  const page = pages({ setCookie: true });
  const { url, arrived } = await serve(page.handler);
  const first = get(url);
  await expect.poll(page.started).toBe(1);
  const rest = Promise.all([get(url), get(url), get(url)]);
  await expect.poll(arrived).toBe(4);
  page.finish();
  await expect.poll(page.started).toBe(2);
  page.finish();
  // Page 2 set its cookie for the first of them: the other two get pages of their own.
  await expect.poll(page.started).toBe(4);
  page.finish();
  await first;
  expect(new Set((await rest).map((r) => r.cookie))).toEqual(new Set(["seen=2", "seen=3", "seen=4"]));
});

it("answers alone those who waited for an answer whose client left before it was whole", async () => {
  const page = pages();
  const { url, arrived } = await serve(page.handler);
  const first = get(url);
  await expect.poll(page.started).toBe(1);
  const leaving = new AbortController();
  const leaver = get(url, { signal: leaving.signal }).catch(() => "left");
  await expect.poll(arrived).toBe(2);
  const waiting = Promise.all([get(url), get(url)]);
  await expect.poll(arrived).toBe(4);
  page.finish();
  await first;
  // Page 2 is the leaver's, the two others wait for it; its client leaves half-way.
  await expect.poll(page.started).toBe(2);
  leaving.abort();
  expect(await leaver).toBe("left");
  await expect.poll(page.started).toBe(4);
  page.finish();
  const answers = await waiting;
  expect(answers.map((a) => a.body.match(/page (\d)/)?.[1]).sort()).toEqual(["3", "4"]);
});
