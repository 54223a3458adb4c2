// A compact way to write OpenAPI 3.1 operations: one line per route, path
// parameters derived from the {names} in the path.
export type Schema = Record<string, unknown>;
export type OperationSpec = {
  summary: string;
  description?: string;
  tag: string;
  query?: { name: string; description: string; schema?: Schema }[];
  body?: Schema;
  /** JSON schema of the 200 answer, or "text" for text/plain. */
  response: Schema | "text";
  responseHeaders?: Record<string, string>;
  errors?: number[];
};
export type PathItems = Record<string, Record<string, unknown>>;

export const ref = (name: string): Schema => ({ $ref: `#/components/schemas/${name}` });
export const arrayOf = (s: Schema): Schema => ({ type: "array", items: s });

const ERROR_TEXT: Record<number, string> = {
  400: "Bad input: the message says what to fix",
  401: "An API key is required (FLOWDECK_API_KEYS) and was missing or wrong",
  404: "No such object (body `{}`)",
  409: "The object already exists, or a concurrent change conflicted: retry",
  413: "The body is larger than the limit (FLOWDECK_MAX_BODY_BYTES, 1 MB by default)",
  422: "The request breaks a tag rule (e.g. removing a system tag)",
};

const PATH_PARAM_TEXT: Record<string, string> = {
  flow: "Flow name",
  run: "Run number, or the string run id the client gave",
  step: "Step name",
  task: "Task id, or the string task name the client gave",
  name: "Artifact name",
  attempt: "Attempt number (0 for the first)",
  user: "A user name",
};

export function operation(path: string, spec: OperationSpec): Record<string, unknown> {
  const pathParams = [...path.matchAll(/\{(\w+)\}/g)].map((m) => ({
    name: m[1], in: "path", required: true, description: PATH_PARAM_TEXT[m[1]] ?? m[1], schema: { type: "string" },
  }));
  const queryParams = (spec.query ?? []).map((q) => ({
    name: q.name, in: "query", required: false, description: q.description, schema: q.schema ?? { type: "string" },
  }));
  const content = spec.response === "text"
    ? { "text/plain": { schema: { type: "string" } } }
    : { "application/json": { schema: spec.response } };
  const responses: Record<string, unknown> = {
    200: {
      description: "Success",
      content,
      ...(spec.responseHeaders
        ? { headers: Object.fromEntries(Object.entries(spec.responseHeaders).map(([h, d]) => [h, { description: d, schema: { type: "string" } }])) }
        : {}),
    },
  };
  for (const code of spec.errors ?? []) {
    responses[code] = { description: ERROR_TEXT[code] ?? "Error", content: { "application/json": { schema: code === 404 ? { type: "object" } : ref("Message") } } };
  }
  return {
    summary: spec.summary,
    ...(spec.description ? { description: spec.description } : {}),
    tags: [spec.tag],
    parameters: [...pathParams, ...queryParams],
    ...(spec.body ? { requestBody: { required: true, content: { "application/json": { schema: spec.body } } } } : {}),
    responses,
  };
}

/** Builds `paths` from [method, path, spec] rows; several methods may share a path. */
export function buildPaths(base: string, rows: [string, string, OperationSpec][]): PathItems {
  const paths: PathItems = {};
  for (const [method, path, spec] of rows) {
    const key = `${base}${path}`;
    paths[key] ??= {};
    paths[key][method.toLowerCase()] = operation(path, spec);
  }
  return paths;
}
