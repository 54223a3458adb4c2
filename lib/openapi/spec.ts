// A compact way to write the operations of the OpenAPI document: one row per
// route, every schema a zod schema (the one the route validates with, or the
// wire schema of what it answers). zod-openapi turns the rows into OpenAPI 3.1:
// request bodies and parameters as the schemas' input, replies as their output.
import { z } from "zod";
import type { ZodOpenApiOperationObject, ZodOpenApiPathsObject, ZodOpenApiResponseObject } from "zod-openapi";

export type Method = "GET" | "POST" | "PATCH" | "DELETE";

export type OperationSpec = {
  summary: string;
  description?: string;
  tag: string;
  /** Path parameters; by default each {name} of the path is a described string. */
  path?: z.ZodObject;
  query?: z.ZodObject;
  /** Query parameters no zod object can name (the metadata API's field[:op] filters). */
  extraQuery?: { name: string; description: string }[];
  body?: z.ZodType;
  /** The body may be left out (POST /deployments/{flow}). */
  bodyOptional?: boolean;
  /** What a 200 answers: JSON of this schema, or text. */
  response: z.ZodType | { text: z.ZodType; mediaType?: string };
  /** Other media types the 200 may answer, as asked (the logs' download=1 answers text). */
  alsoAnswers?: { mediaType: string; schema: z.ZodType }[];
  /** Headers of the 200 reply. */
  responseHeaders?: z.ZodObject;
  /** Error statuses the route answers (their schema comes from the API). */
  errors?: number[];
};

export type ApiConventions = {
  base: string;
  errorText: Record<number, string>;
  /** The JSON body of an error reply. */
  errorSchema: (status: number) => z.ZodType;
  /** Headers every reply carries. */
  headers?: z.ZodObject;
  /** Error statuses every read (GET) or write of this API may answer, besides a route's own. */
  commonErrors?: { read: number[]; write: number[] };
};

const PATH_PARAM_TEXT: Record<string, string> = {
  flow: "Flow name",
  run: "Run number, or the string run id the client gave",
  step: "Step name",
  task: "Task id, or the string task name the client gave",
  name: "Artifact name",
  id: "Card id (the `id` of GET …/cards)",
  attempt: "Attempt number (0 for the first)",
  user: "A user name",
};

export function pathParamsOf(path: string): z.ZodObject {
  const names = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
  return z.object(Object.fromEntries(names.map((n) => [n, z.string().meta({ description: PATH_PARAM_TEXT[n] ?? n })])));
}

function withHeaders(response: ZodOpenApiResponseObject, ...objects: (z.ZodObject | undefined)[]): ZodOpenApiResponseObject {
  const shapes = objects.filter((o): o is z.ZodObject => !!o).map((o) => o.shape);
  return shapes.length ? { ...response, headers: z.object(Object.assign({}, ...shapes)) } : response;
}

export function operation(path: string, spec: OperationSpec, api: ApiConventions, method: Method = "GET"): ZodOpenApiOperationObject {
  const ok =
    spec.response instanceof z.ZodType
      ? { "application/json": { schema: spec.response } }
      : { [spec.response.mediaType ?? "text/plain"]: { schema: spec.response.text } };
  for (const alt of spec.alsoAnswers ?? []) Object.assign(ok, { [alt.mediaType]: { schema: alt.schema } });
  const responses: ZodOpenApiOperationObject["responses"] = {
    200: withHeaders({ description: "Success", content: ok }, api.headers, spec.responseHeaders),
  };
  const common = method === "GET" ? api.commonErrors?.read : api.commonErrors?.write;
  for (const code of [...new Set([...(spec.errors ?? []), ...(common ?? [])])].sort()) {
    responses[`${code}` as "400"] = withHeaders(
      { description: api.errorText[code] ?? "Error", content: { "application/json": { schema: api.errorSchema(code) } } },
      api.headers,
    );
  }
  const pathParams = spec.path ?? pathParamsOf(path);
  return {
    summary: spec.summary,
    ...(spec.description ? { description: spec.description } : {}),
    tags: [spec.tag],
    requestParams: {
      ...(Object.keys(pathParams.shape).length ? { path: pathParams } : {}),
      ...(spec.query ? { query: spec.query } : {}),
    },
    ...(spec.extraQuery
      ? {
          parameters: spec.extraQuery.map((q) => ({
            name: q.name,
            in: "query" as const,
            required: false,
            description: q.description,
            schema: { type: "string" as const },
          })),
        }
      : {}),
    ...(spec.body ? { requestBody: { required: !spec.bodyOptional, content: { "application/json": { schema: spec.body } } } } : {}),
    responses,
  };
}

/** Builds `paths` from [method, path, spec] rows; several methods may share a path. */
export function buildPaths(api: ApiConventions, rows: [Method, string, OperationSpec][]): ZodOpenApiPathsObject {
  const paths: ZodOpenApiPathsObject = {};
  for (const [method, path, spec] of rows) {
    const key = `${api.base}${path}`;
    paths[key] ??= {};
    paths[key][method.toLowerCase() as "get"] = operation(path, spec, api, method);
  }
  return paths;
}
