import { describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { badRequest, UserError } from "@/lib/errors";
import { jsonRoute } from "@/lib/http/json-route";

const request = new Request("http://localhost/api/v1/things?x=1");

describe("jsonRoute", () => {
  it("passes a successful response through", async () => {
    const res = await jsonRoute(async (_request: Request) => Response.json({ ok: true }))(request);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
  });

  it("answers a UserError with its status, code, message and details", async () => {
    const res = await jsonRoute(async (_request: Request) => {
      throw new UserError("not_in_namespace", "PredictionFlow/5 is not in namespace user:anne", {
        namespaces: ["user:will"],
      });
    })(request);
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({
      error: {
        code: "not_in_namespace",
        message: "PredictionFlow/5 is not in namespace user:anne",
        namespaces: ["user:will"],
      },
    });
  });

  it("answers a zod failure with 400 and a readable message", async () => {
    const res = await jsonRoute(async (_request: Request) => {
      z.object({ limit: z.number().max(200) }).parse({ limit: 500 });
      return Response.json({});
    })(request);
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.error.code).toBe("bad_request");
    expect(body.error.message).toMatch(/^limit: /);
  });

  it("hides unexpected errors behind a generic 500 and logs them", async () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    const res = await jsonRoute(async (_request: Request) => {
      throw new Error("connection string postgres://secret");
    })(request);
    expect(res.status).toBe(500);
    const body = await res.json();
    expect(body.error.code).toBe("internal");
    expect(JSON.stringify(body)).not.toContain("secret");
    expect(log).toHaveBeenCalled();
    log.mockRestore();
  });

  it("keeps the helper usable with a context argument", async () => {
    const handler = jsonRoute(async (_req: Request, ctx: { params: Promise<{ flow: string }> }) => {
      const { flow } = await ctx.params;
      throw badRequest(`Unknown flow ${flow}`);
    });
    const res = await handler(request, { params: Promise.resolve({ flow: "X" }) });
    expect(res.status).toBe(400);
    expect((await res.json()).error.message).toBe("Unknown flow X");
  });
});
