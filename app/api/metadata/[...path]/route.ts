// The Metaflow metadata service API under `next dev`. In production the
// custom server (lib/server) answers /api/metadata before Next sees it; both
// go through the same router (lib/metadata-api).
import { createDispatcher } from "@/lib/metadata-api/router";
import { metadataRoutes } from "@/lib/metadata-api/routes";
import { fromWeb, toWeb } from "@/lib/metadata-api/transport";

export const dynamic = "force-dynamic";

const dispatch = createDispatcher(metadataRoutes);
const handle = async (request: Request) => toWeb(await dispatch(fromWeb(request)));

export const GET = handle;
export const POST = handle;
export const PATCH = handle;
export const PUT = handle;
export const DELETE = handle;
