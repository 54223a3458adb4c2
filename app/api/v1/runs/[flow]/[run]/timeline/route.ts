// GET /api/v1/runs/{flow}/{run}/timeline (lib/http/run-detail-api.ts; under npm start the custom server answers it).
import { nextRoute, runTimelineRoute } from "@/lib/http/run-detail-api";

export const GET = nextRoute(runTimelineRoute);
