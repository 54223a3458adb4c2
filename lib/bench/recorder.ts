// Times every request of a benchmark by route group and counts what failed.
import { request, type Reply } from "./http";
import { Samples } from "./stats";

export class Recorder {
  groups = new Map<string, Samples>();
  failures: string[] = [];
  requests = 0;
  errors = 0;
  /** While false, requests are sent but not counted (warm-up). */
  counting = true;
  /** Once true, send() sends nothing and answers null (ends a timed load promptly). */
  stopped = false;

  group(name: string): Samples {
    let s = this.groups.get(name);
    if (!s) this.groups.set(name, (s = new Samples()));
    return s;
  }

  reset() {
    this.groups.clear();
    this.failures = [];
    this.requests = 0;
    this.errors = 0;
  }

  /** Sends one request; statuses ≥ 400 (but those `ok` allows) and network errors count as errors. */
  async send(group: string, method: string, url: string, body?: unknown, ok?: (status: number, body: string) => boolean): Promise<Reply | null> {
    if (this.stopped) return null;
    const t0 = performance.now();
    const counting = this.counting; // a request belongs to the phase it started in
    let reply: Reply | null = null;
    let problem: string | null = null;
    try {
      reply = await request(method, url, body);
      if (reply.status >= 400 && !ok?.(reply.status, reply.body)) problem = `${method} ${url}: ${reply.status} ${reply.body.slice(0, 200)}`;
    } catch (e) {
      problem = `${method} ${url}: ${(e as Error).message}`;
    }
    if (counting) {
      const s = this.group(group);
      this.requests++;
      if (problem) {
        s.errors++;
        this.errors++;
        if (this.failures.length < 10) this.failures.push(problem);
      } else s.add(reply!.ms ?? performance.now() - t0);
    }
    return problem ? null : reply;
  }
}
