// GET /api/v1/runs/{flow}/{run}/dag (lib/http/run-detail-api.ts; under npm start the custom server answers it).
import { nextRoute, runDagRoute } from "@/lib/http/run-detail-api";

export const GET = nextRoute(runDagRoute);
