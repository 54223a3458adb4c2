// Pathspecs name objects: Flow, Flow/run, Flow/run/step, Flow/run/step/task.
import { badRequest } from "../errors";

export type Pathspec = { flow: string; run?: string; step?: string; task?: string };

const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;
const ID = /^[^/\s]{1,255}$/;

export function parsePathspec(input: string): Pathspec {
  const text = input.trim().replace(/^\/+|\/+$/g, "");
  if (!text) throw badRequest("Enter a pathspec such as HelloFlow/546 or HelloFlow/546/start/1139.");
  const parts = text.split("/");
  if (parts.some((p) => p === "")) {
    throw badRequest(`"${input.trim()}" has an empty part between two slashes: write Flow/run/step/task, such as PredictionFlow/8.`);
  }
  if (parts.length > 4) {
    throw badRequest(`"${input}" has ${parts.length} parts; a pathspec has at most four: Flow/run/step/task.`);
  }
  const [flow, run, step, task] = parts;
  if (!IDENT.test(flow)) {
    throw badRequest(`"${flow}" is not a flow name: use letters, digits and underscores, starting with a letter.`);
  }
  if (run !== undefined && !ID.test(run)) throw badRequest(`"${run}" is not a run id.`);
  if (step !== undefined && !IDENT.test(step)) throw badRequest(`"${step}" is not a step name.`);
  if (task !== undefined && !ID.test(task)) throw badRequest(`"${task}" is not a task id.`);
  return { flow, run, step, task };
}

export function formatPathspec(p: Pathspec): string {
  return [p.flow, p.run, p.step, p.task].filter((x) => x !== undefined).join("/");
}

/** The URL of the dashboard page for a pathspec. */
export function pathspecHref(p: Pathspec): string {
  return (
    "/" +
    ["runs", p.flow, p.run, p.step, p.task]
      .filter((x) => x !== undefined)
      .map(encodeURIComponent)
      .join("/")
  );
}

export const isNumericId = (s: string) => /^\d+$/.test(s);

export function isFlowName(s: string): boolean {
  return IDENT.test(s);
}

/**
 * Flow and step names are Python identifiers in Metaflow (a flow is a class,
 * a step a method): anything else did not come from a Metaflow client.
 */
export function isIdentifier(name: string): boolean {
  return /^[\p{L}_][\p{L}\p{N}_]*$/u.test(name);
}
