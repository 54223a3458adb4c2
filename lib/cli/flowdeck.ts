// The `flowdeck` command: production deployments, tags, runs and namespaces
// over Flowdeck's HTTP API (FLOWDECK_URL, default http://localhost:3000).
// Exit codes: 0 done, 1 refused or failed, 2 usage. Argument parsing is
// commander's; every decision is the server's (lib/domain), so the CLI, the
// HTTP API and the dashboard behave alike.
import os from "node:os";
import { Command, CommanderError, Option } from "commander";
import { authorizeCommand } from "../domain/deployment-policy";
import { parsePathspec } from "../domain/pathspec";

// Replies of Flowdeck's own API (documented in lib/openapi), printed field by field.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = Record<string, any>;

class Refused extends Error {}

const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

export type CliIo = { out: (s: string) => void; err: (s: string) => void; env: Record<string, string | undefined> };

function client(io: CliIo) {
  const base = (io.env.FLOWDECK_URL ?? "http://localhost:3000").replace(/\/+$/, "");
  const headers: Record<string, string> = { accept: "application/json", "x-flowdeck-client": "cli" };
  const key = io.env.FLOWDECK_API_KEY?.trim();
  if (key) headers.authorization = `Bearer ${key}`;
  else headers["x-flowdeck-user"] = io.env.FLOWDECK_USER?.trim() || safeOsUser();
  return async function call(method: string, path: string, body?: unknown): Promise<Json> {
    let res: Response;
    try {
      res = await fetch(`${base}/api/v1${path}`, {
        method,
        headers: body === undefined ? headers : { ...headers, "content-type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(120_000),
      });
    } catch (e) {
      throw new Refused(`Flowdeck at ${base} could not be reached (${(e as Error).message}). Is it running? Set FLOWDECK_URL to its address.`);
    }
    const text = await res.text();
    let parsed: Json | null = null;
    try {
      parsed = JSON.parse(text) as Json;
    } catch {
      /* not JSON */
    }
    if (!res.ok) throw new Refused(parsed?.error?.message ?? `Flowdeck answered ${res.status} to ${method} ${path}.`);
    return parsed ?? {};
  };
}

function safeOsUser(): string {
  try {
    return os.userInfo().username;
  } catch {
    return "anonymous";
  }
}

const enc = encodeURIComponent;

function runPath(pathspec: string): string {
  const usage = (why: string) => new CommanderError(EXIT.usage, "flowdeck.usage", `${why} Give Flow/run, such as HelloFlow/546.`);
  let p;
  try {
    p = parsePathspec(pathspec);
  } catch (e) {
    throw usage((e as Error).message);
  }
  if (!p.run || p.step) throw usage(`"${pathspec}" is not a run.`);
  return `/runs/${enc(p.flow)}/${enc(p.run)}`;
}

function table(rows: string[][]): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]))).join("  ")).join("\n");
}

const time = (ms: number) => new Date(ms).toISOString().replace("T", " ").slice(0, 16);

export function buildProgram(io: CliIo): Command {
  const call = client(io);
  const print = (json: boolean, value: unknown, text: () => string) => io.out(json ? JSON.stringify(value, null, 2) : text());
  const program = new Command("flowdeck")
    .description(
      "Manage production deployments, tags and runs of a Flowdeck server (FLOWDECK_URL, default http://localhost:3000).\n" +
        "Acts as FLOWDECK_USER (or your OS user); with FLOWDECK_API_KEY, as the person the key belongs to.",
    )
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err })
    .showHelpAfterError("(add --help for usage)");

  program
    .command("deploy")
    .argument("<flow>", "the flow to deploy")
    .description("Deploy FLOW to production: the first deployment creates its token and namespace production:<token>")
    .option("--authorize <token>", "the current production token, given to you by someone authorized (needed once)")
    .option("--generate-new-token", "start a fresh, empty production namespace (authorized people only)")
    .option("--json", "print the result as JSON")
    .action(async (flow: string, o: { authorize?: string; generateNewToken?: boolean; json?: boolean }) => {
      const r = await call("POST", `/deployments/${enc(flow)}`, { authorize: o.authorize, generateNewToken: o.generateNewToken || undefined });
      print(!!o.json, r, () => {
        const lines = [r.message as string, "", `  token:      ${r.token}`, `  namespace:  ${r.namespace}`];
        if (r.firstDeployment || r.rotated) {
          lines.push("", `Share the token with whoever else may deploy ${flow}; they run, once:`, `  ${authorizeCommand(flow, r.token)}`);
        }
        lines.push("", "Give the scheduler this, so production runs are recorded in that namespace:", `METAFLOW_PRODUCTION_TOKEN=${r.token}`);
        return lines.join("\n");
      });
    });

  program
    .command("deployments")
    .description("List the production deployments")
    .option("--json", "print JSON")
    .action(async (o: { json?: boolean }) => {
      const r = await call("GET", "/deployments");
      print(!!o.json, r, () =>
        r.deployments.length
          ? table([
              ["FLOW", "NAMESPACE", "RUNS", "DEPLOYED BY", "AUTHORIZED"],
              ...r.deployments.map((d: Json) => [d.flow, d.retired ? "(retired)" : d.namespace, String(d.runCount), d.deployedBy, d.authorized.join(", ")]),
            ])
          : "Nothing has been deployed to production yet.",
      );
    });

  for (const [name, method, verb] of [
    ["grant", "POST", "Authorize"],
    ["revoke", "DELETE", "Revoke the authorization of"],
  ] as const) {
    program
      .command(name)
      .argument("<flow>")
      .argument("<user>")
      .description(`${verb} USER to deploy FLOW (you must be authorized yourself)`)
      .action(async (flow: string, user: string) => io.out((await call(method, `/deployments/${enc(flow)}/grants/${enc(user)}`)).message));
  }

  program
    .command("retire")
    .argument("<flow>")
    .description("Retire a deployment made by mistake; its runs stay browsable")
    .action(async (flow: string) => io.out((await call("POST", `/deployments/${enc(flow)}/retire`)).message));

  const tag = program.command("tag").description("Add, remove or replace user tags of a run");
  const tagsLine = (r: Json) => `Tags: ${r.tags.length ? r.tags.join(", ") : "(none)"}`;
  tag
    .command("add")
    .argument("<run>", "Flow/run")
    .argument("<tags...>")
    .description("Add tags to a run")
    .action(async (run: string, tags: string[]) => io.out(tagsLine(await call("PATCH", `${runPath(run)}/tags`, { add: tags, remove: [] }))));
  tag
    .command("remove")
    .argument("<run>", "Flow/run")
    .argument("<tags...>")
    .description("Remove tags from a run")
    .action(async (run: string, tags: string[]) => io.out(tagsLine(await call("PATCH", `${runPath(run)}/tags`, { add: [], remove: tags }))));
  tag
    .command("replace")
    .argument("<run>", "Flow/run")
    .argument("<old>")
    .argument("<new>")
    .description("Rename a tag of a run in one step")
    .action(async (run: string, from: string, to: string) => io.out(tagsLine(await call("PATCH", `${runPath(run)}/tags`, { add: [to], remove: [from] }))));

  program
    .command("runs")
    .description("List runs, newest first, in a namespace (default: yours)")
    .option("--namespace <ns>", "user:NAME, production:TOKEN, a tag, or global")
    .addOption(new Option("--tag <tag>", "only runs with this tag (repeat for all of several)").argParser((v: string, prev: string[] = []) => [...prev, v]))
    .option("--limit <n>", "at most this many (1–200)", "50")
    .option("--json", "print JSON")
    .action(async (o: { namespace?: string; tag?: string[]; limit: string; json?: boolean }) => {
      const q = new URLSearchParams({ limit: o.limit });
      if (o.namespace) q.set("namespace", o.namespace);
      for (const t of o.tag ?? []) q.append("tag", t);
      const r = await call("GET", `/runs?${q}`);
      print(!!o.json, r, () =>
        r.runs.length
          ? table([
              ["RUN", "STATUS", "USER", "STARTED", "TAGS"],
              ...r.runs.map((x: Json) => [x.pathspec, x.status, x.userName, time(x.createdTs), x.tags.join(", ")]),
            ])
          : "No runs match.",
      );
    });

  program
    .command("namespaces")
    .description("List the namespaces that exist, with their run counts")
    .option("--json", "print JSON")
    .action(async (o: { json?: boolean }) => {
      const r = await call("GET", "/namespaces");
      print(!!o.json, r, () => table([["NAMESPACE", "KIND", "RUNS"], ...r.namespaces.map((n: Json) => [n.name, n.kind, String(n.runCount)])]));
    });

  program
    .command("whoami")
    .description("Who Flowdeck takes you to be")
    .option("--json", "print JSON")
    .action(async (o: { json?: boolean }) => {
      const r = await call("GET", "/whoami");
      print(!!o.json, r, () => `${r.user} (${r.mode} mode)`);
    });
  return program;
}

/** Runs the CLI; answers its exit code. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const program = buildProgram(io);
  if (!argv.length) {
    program.outputHelp();
    return EXIT.usage;
  }
  try {
    await program.parseAsync(argv, { from: "user" });
    return EXIT.ok;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === "commander.helpDisplayed" || e.code === "commander.version" || e.code === "commander.help") return EXIT.ok;
      if (e.code === "flowdeck.usage") io.err(e.message);
      return EXIT.usage;
    }
    io.err(e instanceof Error ? e.message : String(e));
    return EXIT.failed;
  }
}
