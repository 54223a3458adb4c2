// npm run keys -- create --user anne | revoke <key or prefix> | list
// API keys for the HTTP API and the CLI (FLOWDECK_API_KEY): each bound to a
// person, shown once when created, stored as a hash. Works on DATABASE_URL.
import { Command, CommanderError } from "commander";
import { getDb } from "../db";
import { createApiKey, listApiKeys, revokeApiKey } from "../data/api-keys";
import { isUserError } from "../errors";

const program = new Command("npm run keys --").exitOverride().description("API keys of this Flowdeck (DATABASE_URL): each acts as the person it is bound to.");
program
  .command("create")
  .requiredOption("--user <name>", "the person the key acts as")
  .description("Create a key; it is shown once")
  .action(async (o: { user: string }) => {
    const { key } = await createApiKey(await getDb(), o.user);
    console.log(
      `Created an API key for ${o.user}. It is shown only now; keep it secret:\n\n  ${key}\n\nUse it with: FLOWDECK_API_KEY=${key} npx flowdeck whoami`,
    );
  });
program
  .command("revoke")
  .argument("<key>", "the key, or its prefix as `list` shows it")
  .description("Revoke a key")
  .action(async (key: string) => {
    const n = await revokeApiKey(await getDb(), key);
    if (!n) throw new Error(`No active key matches "${key}".`);
    console.log(`Revoked ${n} key${n === 1 ? "" : "s"}.`);
  });
program
  .command("list")
  .description("List keys (prefixes only)")
  .action(async () => {
    const keys = await listApiKeys(await getDb());
    if (!keys.length) return console.log("No API keys yet: npm run keys -- create --user NAME");
    for (const k of keys) {
      console.log(`${k.prefix}…  ${k.userName.padEnd(16)} created ${new Date(k.createdTs).toISOString().slice(0, 16)}${k.revokedTs ? "  revoked" : ""}`);
    }
  });

try {
  await program.parseAsync(process.argv.slice(2), { from: "user" });
  process.exit(0);
} catch (e) {
  if (e instanceof CommanderError) process.exit(e.code === "commander.helpDisplayed" ? 0 : 2);
  console.error(isUserError(e) || e instanceof Error ? e.message : String(e));
  process.exit(1);
}
