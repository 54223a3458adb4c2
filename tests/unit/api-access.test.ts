import { afterEach, describe, expect, it } from "vitest";
import { requireApiAccess } from "@/lib/http/api-access";
import { jsonRoute } from "@/lib/http/json-route";

const env = { ...process.env };
afterEach(() => {
  process.env = { ...env };
});

describe("requireApiAccess (every /api/v1 route, through jsonRoute)", () => {
  it("lets anyone in, in local mode without FLOWDECK_DASHBOARD_KEYS_FOR_READS", async () => {
    delete process.env.FLOWDECK_AUTH_MODE;
    await expect(requireApiAccess(new Headers())).resolves.toBeUndefined();
  });

  it("in proxy mode needs the proxy's header naming a user", async () => {
    process.env.FLOWDECK_AUTH_MODE = "proxy";
    process.env.FLOWDECK_USER_HEADER = "X-Auth-User";
    await expect(requireApiAccess(new Headers())).rejects.toMatchObject({ status: 401, message: expect.stringMatching(/x-auth-user header is missing/) });
    await expect(requireApiAccess(new Headers({ "x-auth-user": "not a name!" }))).rejects.toMatchObject({ status: 401 });
    await expect(requireApiAccess(new Headers({ "x-auth-user": "anne" }))).resolves.toBeUndefined();
  });

  it("with FLOWDECK_DASHBOARD_KEYS_FOR_READS=1 in local mode needs a key", async () => {
    process.env.FLOWDECK_DASHBOARD_KEYS_FOR_READS = "1";
    await expect(requireApiAccess(new Headers({ "x-flowdeck-user": "anne" }))).rejects.toMatchObject({
      status: 401,
      message: expect.stringMatching(/needs an API key/),
    });
  });

  it("jsonRoute answers 401 before the handler runs", async () => {
    process.env.FLOWDECK_AUTH_MODE = "proxy";
    let ran = false;
    const res = await jsonRoute(async (_r: Request) => {
      ran = true;
      return Response.json({});
    })(new Request("http://localhost/api/v1/tags"));
    expect(res.status).toBe(401);
    expect(ran).toBe(false);
  });
});
