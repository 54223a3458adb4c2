// GET /api/v1/runs/{flow}/{run}/tasks (lib/http/run-detail-api.ts; under npm start the custom server answers it).
import { nextRoute, runTasksRoute } from "@/lib/http/run-detail-api";

export const GET = nextRoute(runTasksRoute);
