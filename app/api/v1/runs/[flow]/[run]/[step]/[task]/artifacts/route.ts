// GET /api/v1/runs/{flow}/{run}/{step}/{task}/artifacts (lib/http/run-detail-api.ts; under npm start the custom server answers it).
import { nextRoute, taskArtifactsRoute } from "@/lib/http/run-detail-api";

export const GET = nextRoute(taskArtifactsRoute);
