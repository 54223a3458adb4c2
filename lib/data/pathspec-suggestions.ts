import "server-only";
// What "Go to pathspec" suggests as you type: flows whose name starts with the
// text (any case), and once a flow and "/" are typed, that flow's newest runs
// in the namespace whose id starts with what follows.
import type { Db } from "../db";
import { parseNamespace } from "../domain/namespace";
import { sql } from "./sql";
import { flowNameLike } from "./resolve";
import { listRuns } from "./runs-read";

export type PathspecSuggestion = { pathspec: string; kind: "flow" | "run"; status?: string };
export const MAX_PATHSPEC_SUGGESTIONS = 10;
/** Runs are looked for among this many of the flow's newest in the namespace. */
const RUNS_LOOKED_AT = 200;

const likePrefix = (s: string) => `${s.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export async function suggestPathspecs(db: Db, typed: string, namespace: string, limit = MAX_PATHSPEC_SUGGESTIONS): Promise<PathspecSuggestion[]> {
  const slash = typed.indexOf("/");
  if (slash < 0) {
    const rows = await db.$queryRaw<{ name: string }[]>(sql`
      SELECT name FROM flows WHERE LOWER(name) LIKE ${likePrefix(typed)} ESCAPE '\\' ORDER BY name LIMIT ${limit}`);
    return rows.map((r) => ({ pathspec: r.name, kind: "flow" }));
  }
  const rest = typed.slice(slash + 1);
  if (rest.includes("/")) return [];
  const flow = await flowNameLike(db, typed.slice(0, slash));
  if (!flow) return [];
  const { runs } = await listRuns(db, { namespace: parseNamespace(namespace), allTags: [], anyTags: [], notTags: [], flow, limit: RUNS_LOOKED_AT });
  return runs.filter((r) => r.key.toLowerCase().startsWith(rest.toLowerCase())).slice(0, limit)
    .map((r) => ({ pathspec: r.pathspec, kind: "run", status: r.status }));
}
