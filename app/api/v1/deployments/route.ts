// GET /api/v1/deployments → {guard, deployments}
import { getDb } from "@/lib/db";
import { jsonRoute } from "@/lib/http/json-route";
import { handleListDeployments } from "@/lib/http/production-api";

export const GET = jsonRoute(async () => handleListDeployments(await getDb()));
