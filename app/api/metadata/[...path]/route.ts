// The Metaflow metadata service API: every path under /api/metadata goes to
// one small router (lib/metadata-api), which matches Metaflow's route table.
import { createDispatcher } from "@/lib/metadata-api/router";
import { metadataRoutes } from "@/lib/metadata-api/routes";

export const dynamic = "force-dynamic";

const dispatch = createDispatcher(metadataRoutes);

export const GET = dispatch;
export const POST = dispatch;
export const PATCH = dispatch;
export const PUT = dispatch;
export const DELETE = dispatch;
