// The real `flowdeck` binary against a running Flowdeck on SQLite and
// PostgreSQL: deployments with their refusals, rotation, grants and
// retirement; tags; listings; JSON output; usage errors; API keys. Also
// concurrent rotations through the HTTP API: one wins, never two tokens.
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, expect, it } from "vitest";
import { forEachDatabase } from "../setup/databases";
import { APP_START_TIMEOUT, startApp, type AppServer } from "../setup/metadata-servers";
import { createFlow, createRun } from "@/lib/data/ingest";
import { createApiKey, revokeApiKey } from "@/lib/data/api-keys";

const root = path.resolve(import.meta.dirname, "../..");
const exec = promisify(execFile);

type Result = { code: number; out: string; err: string };

forEachDatabase("the flowdeck CLI", (t) => {
  let app: AppServer;
  const cli = async (user: string | null, args: string[], env: Record<string, string> = {}): Promise<Result> => {
    const base: Record<string, string | undefined> = { ...process.env, FLOWDECK_URL: app.url, ...env };
    if (user) base.FLOWDECK_USER = user;
    else delete base.FLOWDECK_USER;
    try {
      const { stdout, stderr } = await exec(process.execPath, [path.join(root, "scripts/flowdeck.mjs"), ...args], {
        cwd: root,
        env: base as NodeJS.ProcessEnv,
      });
      return { code: 0, out: stdout, err: stderr };
    } catch (e) {
      const x = e as { code: number; stdout: string; stderr: string };
      return { code: x.code, out: x.stdout, err: x.stderr };
    }
  };

  beforeAll(async () => {
    app = await startApp({ databaseUrl: t.url });
    await createFlow(t.db, "CliFlow", { userName: "anne" });
    await createRun(t.db, "CliFlow", { userName: "anne", tags: ["draft"], systemTags: ["user:anne"] });
  }, APP_START_TIMEOUT);
  afterAll(async () => app?.stop());

  it("deploys, refuses without and with a wrong token, authorizes, rotates, grants, revokes and retires", async () => {
    const first = await cli("anne", ["deploy", "CliFlow"]);
    expect(first.code).toBe(0);
    const token = first.out.match(/METAFLOW_PRODUCTION_TOKEN=(\S+)/)![1];
    expect(first.out).toContain(`namespace:  production:${token}`);
    expect(first.out).toContain(`flowdeck deploy CliFlow --authorize ${token}`);

    const refused = await cli("will", ["deploy", "CliFlow"]);
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(
      /will is not authorized to deploy CliFlow: no production token was given\. CliFlow was last deployed by anne; deploying it again needs the same production token\./,
    );
    expect(refused.err).toContain("flowdeck deploy CliFlow --authorize TOKEN");
    const wrong = await cli("will", ["deploy", "CliFlow", "--authorize", "cliflow-nope"]);
    expect([wrong.code, wrong.err]).toEqual([1, expect.stringMatching(/not the current production token/)]);

    const authorized = await cli("will", ["deploy", "CliFlow", "--authorize", token, "--json"]);
    expect(authorized.code).toBe(0);
    expect(JSON.parse(authorized.out)).toMatchObject({ token, firstDeployment: false, rotated: false, authorizedNow: true });

    const rotated = JSON.parse((await cli("will", ["deploy", "CliFlow", "--generate-new-token", "--json"])).out);
    expect(rotated).toMatchObject({ rotated: true, previousNamespace: `production:${token}` });
    expect(rotated.token).not.toBe(token);

    expect((await cli("anne", ["revoke", "CliFlow", "will"])).out).toMatch(/anne revoked will's authorization to deploy CliFlow/);
    const last = await cli("anne", ["revoke", "CliFlow", "anne"]);
    expect([last.code, last.err]).toEqual([1, expect.stringMatching(/anne is the last person authorized/)]);
    expect((await cli("anne", ["grant", "CliFlow", "maria"])).out).toMatch(/anne authorized maria to deploy CliFlow/);
    expect((await cli("will", ["grant", "CliFlow", "will"])).code).toBe(1);

    const list = JSON.parse((await cli("anne", ["deployments", "--json"])).out);
    const mine = list.deployments.find((d: { flow: string }) => d.flow === "CliFlow");
    expect(mine).toMatchObject({ namespace: `production:${rotated.token}`, authorized: ["anne", "maria"], retired: false });
    expect(mine.previous.map((p: { namespace: string }) => p.namespace)).toEqual([`production:${token}`]);

    expect((await cli("maria", ["retire", "CliFlow"])).out).toMatch(/maria retired the production deployment of CliFlow/);
    const again = JSON.parse((await cli("will", ["deploy", "CliFlow", "--json"])).out);
    expect(again).toMatchObject({ firstDeployment: true });

    const history = await t.db.auditEvent.findMany({ where: { subject: "CliFlow" }, orderBy: { id: "asc" } });
    // Refused grants and revocations change nothing and are not events; refused deployments are.
    expect(history.map((e) => `${e.kind}:${e.actor}:${e.source}`)).toEqual([
      "deploy:anne:cli",
      "refuse:will:cli",
      "refuse:will:cli",
      "authorize:will:cli",
      "deploy:will:cli",
      "rotate:will:cli",
      "revoke:anne:cli",
      "grant:anne:cli",
      "retire:maria:cli",
      "deploy:will:cli",
    ]);
  });

  it("adds, replaces and removes tags, lists runs and namespaces, as text and JSON", async () => {
    expect((await cli("anne", ["tag", "add", "CliFlow/1", "reviewed", "v2"])).out.trim()).toBe("Tags: draft, reviewed, v2");
    expect((await cli("anne", ["tag", "replace", "CliFlow/1", "draft", "final"])).out.trim()).toBe("Tags: final, reviewed, v2");
    expect((await cli("anne", ["tag", "remove", "CliFlow/1", "v2"])).out.trim()).toBe("Tags: final, reviewed");
    const locked = await cli("anne", ["tag", "remove", "CliFlow/1", "user:anne"]);
    expect([locked.code, locked.err]).toEqual([1, expect.stringMatching(/Cannot remove tags that are existing system tags/)]);
    const [edit] = await t.db.auditEvent.findMany({ where: { subject: "CliFlow/1" }, orderBy: { id: "asc" }, take: 1 });
    expect([edit.actor, edit.source]).toEqual(["anne", "cli"]);

    const runs = await cli("anne", ["runs", "--tag", "final", "--tag", "reviewed"]);
    expect(runs.out).toMatch(/^RUN\s+STATUS\s+USER\s+STARTED\s+TAGS\nCliFlow\/1\s/);
    const json = JSON.parse((await cli("will", ["runs", "--namespace", "user:anne", "--json"])).out);
    expect(json.runs.map((r: { pathspec: string }) => r.pathspec)).toEqual(["CliFlow/1"]);
    expect((await cli("will", ["runs"])).out.trim()).toBe("No runs match.");
    expect((await cli("anne", ["namespaces"])).out).toMatch(/user:anne\s+user\s+1/);
    expect((await cli("anne", ["whoami"])).out.trim()).toBe("anne (local mode)");
  });

  it("answers usage errors with exit 2 and help with exit 0", async () => {
    for (const args of [[], ["deploy"], ["frobnicate"], ["tag", "add", "CliFlow"], ["tag", "add", "NotARun", "x"], ["deploy", "X", "--bogus"]]) {
      expect((await cli("anne", args)).code, args.join(" ")).toBe(2);
    }
    const help = await cli("anne", ["deploy", "--help"]);
    expect([help.code, help.out]).toEqual([0, expect.stringContaining("--generate-new-token")]);
    const down = await cli("anne", ["whoami"], { FLOWDECK_URL: "http://127.0.0.1:9" });
    expect([down.code, down.err]).toEqual([1, expect.stringMatching(/could not be reached/)]);
  });

  it("acts as the person an API key is bound to, and refuses a revoked key", async () => {
    const { key, prefix } = await createApiKey(t.db, "maria");
    expect((await cli(null, ["whoami"], { FLOWDECK_API_KEY: key, FLOWDECK_USER: "anne" })).out.trim()).toBe("maria (local mode)");
    await revokeApiKey(t.db, prefix);
    const revoked = await cli(null, ["whoami"], { FLOWDECK_API_KEY: key });
    expect([revoked.code, revoked.err]).toEqual([1, expect.stringMatching(/not a valid key/)]);
    expect((await t.db.apiKey.findMany()).every((k) => k.hash !== key && !k.hash.includes(key))).toBe(true);
  });

  it("lets one of two simultaneous rotations win and reports the other as a conflict", async () => {
    await cli("anne", ["deploy", "RaceFlow"]);
    const rotate = () =>
      fetch(`${app.url}/api/v1/deployments/RaceFlow`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-flowdeck-user": "anne" },
        body: JSON.stringify({ generateNewToken: true }),
      }).then(async (r) => ({ status: r.status, body: await r.json() }));
    const results = await Promise.all(Array.from({ length: 6 }, rotate));
    expect(results.every((r) => r.status === 200 || (r.status === 409 && /changed by someone else/.test(r.body.error.message)))).toBe(true);
    expect(results.some((r) => r.status === 200)).toBe(true);
    const current = await t.db.deploymentToken.findMany({ where: { deployment: { flow: { name: "RaceFlow" } }, replacedTs: null } });
    expect(current).toHaveLength(1);
    const d = await t.db.deployment.findFirst({ where: { flow: { name: "RaceFlow" } } });
    expect(current[0].token).toBe(d!.token);
    expect(results.filter((r) => r.status === 200).map((r) => r.body.token)).toContain(d!.token);
  });
});
