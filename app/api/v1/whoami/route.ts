// GET /api/v1/whoami → {user, mode, canSwitch}: who this Flowdeck takes the caller to be
import { jsonRoute } from "@/lib/http/json-route";
import { authSettings, currentIdentity } from "@/lib/session";

export const GET = jsonRoute(async () => {
  const { user, canSwitch } = await currentIdentity();
  return Response.json({ user, mode: authSettings().mode, canSwitch }, { headers: { "cache-control": "no-store" } });
});
