// GET /api/v1/runs/{flow}/{run}/parameters (lib/http/run-detail-api.ts; under npm start the custom server answers it).
import { nextRoute, runParametersRoute } from "@/lib/http/run-detail-api";

export const GET = nextRoute(runParametersRoute);
