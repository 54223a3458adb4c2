import "server-only";
// Writes what Metaflow's local datastore would hold for the demo's runs:
// artifacts as gzip-compressed pickles (content-addressed by sha1), mflog
// log files and cards, laid out as Metaflow lays them out.
import { createHash } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { writePickle, type PyValue } from "../domain/pickle";
import { formatMflogLine } from "../domain/mflog";

export type DemoValue = PyValue | Record<string, unknown>;

export class DemoDatastore {
  constructor(readonly root: string) {}

  /** Stores a value; returns its sha and location. */
  artifact(flow: string, value: DemoValue): { sha: string; location: string } {
    const pickled = writePickle(value as PyValue);
    const sha = createHash("sha1").update(pickled).digest("hex");
    const file = path.join(this.root, flow, "data", sha.slice(0, 2), sha);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, gzipSync(pickled, { level: 3 }));
    return { sha, location: file };
  }

  log(flow: string, run: string, step: string, task: string, stream: "stdout" | "stderr", lines: { ts: number; line: string }[], attempt = 0) {
    const dir = path.join(this.root, flow, run, step, task);
    mkdirSync(dir, { recursive: true });
    const text = lines.map((l, i) => `${formatMflogLine(l.ts, "task", l.line, String(i))}\n`).join("");
    writeFileSync(path.join(dir, `${attempt}.task_${stream}.log`), text);
  }

  card(flow: string, run: string, step: string, task: string, title: string, rows: [string, string][]) {
    const dir = path.join(this.root, "mf.cards", flow, "runs", run, "steps", step, "tasks", task, "cards");
    mkdirSync(dir, { recursive: true });
    const hash = createHash("sha1").update(`${flow}/${run}/${step}/${task}`).digest("hex").slice(0, 12);
    const body = rows.map(([k, v]) => `<tr><th>${esc(k)}</th><td>${esc(v)}</td></tr>`).join("");
    const html = `<!doctype html><html><head><meta charset="utf-8"><title>${esc(title)}</title>
<style>body{font:14px system-ui,sans-serif;margin:16px;color:#18181b}table{border-collapse:collapse}th,td{border:1px solid #d4d4d8;padding:4px 8px;text-align:left}</style></head>
<body><h1 id="card-title">${esc(title)}</h1><table>${body}</table>
<p id="card-script">Rendered by the card's own script: <span id="card-ok">no</span></p>
<script>document.getElementById("card-ok").textContent = "yes";</script></body></html>`;
    writeFileSync(path.join(dir, `default-${hash}.html`), html);
  }
}

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
