// Serves the built app: the custom server in lib/server/main.ts, loaded
// through tsx. Modules marked `import "server-only"` (a guard meant for
// bundlers) load as empty here, as they do in Next's server bundle.
import { register } from "node:module";
import { register as registerTsx } from "tsx/esm/api";

registerTsx();
register("./server-only-hook.mjs", import.meta.url);
process.env.NODE_ENV = "production";
await import("../lib/server/main.ts");
