// Validates values against the schemas of the generated OpenAPI document with
// ajv (JSON Schema 2020-12, which OpenAPI 3.1 uses): request bodies, and the
// status, headers and body of a reply. What is checked is the document itself,
// so the document, the routes and their replies cannot drift apart.
import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import { openApiDocument, type OpenApiDocument } from "@/lib/openapi/document";

type Json = Record<string, unknown>;
type Operation = {
  requestBody?: { required?: boolean; content: Record<string, { schema: Json }> };
  responses: Record<string, { content?: Record<string, { schema: Json }>; headers?: Record<string, { required?: boolean; schema: Json }> }>;
};

const REF = /^#\/components\/schemas\//;

/** The schema with component references turned into $defs, so that it stands alone. */
function standalone(schema: Json, components: Record<string, unknown>): Json {
  const rewrite = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(rewrite);
    if (v && typeof v === "object") {
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, k === "$ref" && typeof x === "string" ? x.replace(REF, "#/$defs/") : rewrite(x)]));
    }
    return v;
  };
  return { ...(rewrite(schema) as Json), $defs: rewrite(components) as Json };
}

export type Problem = string;

export function openApiValidator(doc: OpenApiDocument = openApiDocument()) {
  // strict: false, as OpenAPI adds keywords of its own (example, …); formats are not asserted.
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
  const compiled = new Map<string, ValidateFunction>();
  const components = doc.components.schemas;

  function compile(key: string, schema: Json): ValidateFunction {
    let v = compiled.get(key);
    if (!v) {
      v = ajv.compile(standalone(schema, components));
      compiled.set(key, v);
    }
    return v;
  }

  function operationOf(method: string, path: string): Operation {
    const op = (doc.paths[path] as Record<string, Operation> | undefined)?.[method.toLowerCase()];
    if (!op) throw new Error(`${method} ${path} is not in the document`);
    return op;
  }

  function check(key: string, schema: Json, value: unknown): Problem[] {
    const v = compile(key, schema);
    return v(value) ? [] : (v.errors ?? []).map((e) => `${e.instancePath || "(root)"} ${e.message} ${JSON.stringify(e.params)}`);
  }

  /** Does the document accept this JSON request body? [] when it does. */
  function checkRequest(method: string, path: string, body: unknown): Problem[] {
    const op = operationOf(method, path);
    const schema = op.requestBody?.content["application/json"]?.schema;
    if (!schema) return [`${method} ${path} documents no JSON body`];
    return check(`req ${method} ${path}`, schema, body);
  }

  /**
   * Does the document describe this reply: its status is documented for the
   * operation, its required headers are there (with their value when the
   * schema fixes it), and its body matches the schema of its media type?
   */
  function checkResponse(method: string, path: string, status: number, headers: Headers, text: string): Problem[] {
    const op = operationOf(method, path);
    const documented = op.responses[String(status)];
    if (!documented) return [`status ${status} is not documented (documented: ${Object.keys(op.responses).join(", ")})`];
    const problems: Problem[] = [];
    for (const [name, h] of Object.entries(documented.headers ?? {})) {
      const value = headers.get(name);
      if (value === null) {
        if (h.required) problems.push(`header ${name} is missing`);
        continue;
      }
      if ("const" in h.schema && h.schema.const !== value) problems.push(`header ${name} is ${value}, not ${String(h.schema.const)}`);
    }
    const type = (headers.get("content-type") ?? "").split(";")[0].trim();
    const media = documented.content?.[type];
    if (!media) return [...problems, `content-type ${type} is not documented for ${status} (documented: ${Object.keys(documented.content ?? {}).join(", ")})`];
    let body: unknown = text;
    if (type === "application/json") {
      try {
        body = JSON.parse(text);
      } catch {
        return [...problems, "the body is not JSON"];
      }
    }
    return [...problems, ...check(`res ${method} ${path} ${status} ${type}`, media.schema, body)];
  }

  /** The documented path (with {params}) that a concrete URL path matches. */
  function pathOf(method: string, url: string): string {
    const segments = url.split("?")[0].split("/").filter(Boolean);
    const candidates = Object.keys(doc.paths).filter((p) => {
      const parts = p.split("/").filter(Boolean);
      return (
        parts.length === segments.length &&
        parts.every((x, i) => /^\{\w+\}$/.test(x) || x === decodeURIComponent(segments[i])) &&
        (doc.paths[p] as Record<string, unknown>)[method.toLowerCase()]
      );
    });
    // A literal segment beats a parameter (/runs/count before /runs/{flow}/{run}).
    candidates.sort((a, b) => (a.match(/\{/g)?.length ?? 0) - (b.match(/\{/g)?.length ?? 0));
    if (!candidates.length) throw new Error(`${method} ${url} matches no documented path`);
    return candidates[0];
  }

  /** Does a component schema (one no route answers, such as the events' ChangeMessage) accept this value? */
  function checkComponent(name: string, value: unknown): Problem[] {
    if (!components[name]) return [`no component schema ${name}`];
    return check(`component ${name}`, { $ref: `#/components/schemas/${name}` }, value);
  }

  return {
    doc,
    checkRequest,
    checkResponse,
    checkComponent,
    pathOf,
    compileAll: () => {
      for (const [path, item] of Object.entries(doc.paths)) {
        for (const [method, op] of Object.entries(item as Record<string, Operation>)) {
          const body = op.requestBody?.content["application/json"]?.schema;
          if (body) compile(`req ${method.toUpperCase()} ${path}`, body);
          for (const [status, r] of Object.entries(op.responses)) {
            for (const [type, m] of Object.entries(r.content ?? {})) compile(`res ${method.toUpperCase()} ${path} ${status} ${type}`, m.schema);
          }
        }
      }
    },
  };
}
export type OpenApiValidator = ReturnType<typeof openApiValidator>;
