// GET /api/openapi.json: the OpenAPI document of the metadata and dashboard APIs.
import { openApiDocument } from "@/lib/openapi/document";

export const dynamic = "force-static";

export function GET() {
  return Response.json(openApiDocument());
}
