// GET /api/v1/runs?namespace=…&tag=…&anyTag=…&notTag=…&status=…&flow=…&user=…&since=…&until=…&limit=…&cursor=…
// (Under npm start the custom server answers it first: lib/server/dashboard-api.ts.)
import { listRunsRoute } from "@/lib/http/runs-api";
import { currentUser } from "@/lib/session";

export const GET = listRunsRoute(() => currentUser());
