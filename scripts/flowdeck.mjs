#!/usr/bin/env node
// The `flowdeck` command (package.json "bin"): `npx flowdeck --help` from a clone.
// The CLI is TypeScript (lib/cli/flowdeck.ts), loaded through tsx.
import { register } from "tsx/esm/api";

register();
const { runCli } = await import("../lib/cli/flowdeck.ts");
const line = (stream) => (s) => stream.write(s.endsWith("\n") ? s : `${s}\n`);
process.exitCode = await runCli(process.argv.slice(2), { out: line(process.stdout), err: line(process.stderr), env: process.env });
