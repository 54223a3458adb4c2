// GET /api/v1/runs/{flow}/{run}: the run page's data (lib/http/run-detail-api.ts; under npm start the custom server answers it).
import { nextRoute, runDetail } from "@/lib/http/run-detail-api";

export const GET = nextRoute(runDetail);
