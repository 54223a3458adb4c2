// GET /api/v1/runs/{flow}/{run}/{step}/{task}/logs (lib/http/run-detail-api.ts; under npm start the custom server answers it).
import { nextRoute, taskLogsRoute } from "@/lib/http/run-detail-api";

export const GET = nextRoute(taskLogsRoute);
