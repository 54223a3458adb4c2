// The one OpenAPI document of Flowdeck: the metadata API and the dashboard API.
import { SERVICE_VERSION } from "../metadata-api/http";
import { dashboardPaths, dashboardSchemas } from "./dashboard";
import { logsPaths } from "./logs";
import { metadataPaths, metadataSchemas } from "./metadata";

export function openApiDocument() {
  return {
    openapi: "3.1.0",
    info: {
      title: "Flowdeck API",
      version: SERVICE_VERSION,
      description:
        "The Metaflow-compatible metadata service (/api/metadata: set METAFLOW_SERVICE_URL to it) and the dashboard's JSON API (/api/v1). " +
        "When FLOWDECK_API_KEYS is set, metadata writes need an x-api-key header (reads too with FLOWDECK_API_KEYS_FOR_READS=1). " +
        "The dashboard API acts as the person of an API key (Authorization: Bearer <key>, made with `npm run keys -- create --user NAME`), " +
        "else as the proxy's identity header, else (local mode) as X-Flowdeck-User or the chosen user.",
    },
    components: {
      schemas: { ...metadataSchemas, ...dashboardSchemas },
      securitySchemes: {
        apiKey: { type: "apiKey", in: "header", name: "x-api-key" },
        userKey: { type: "http", scheme: "bearer", description: "An API key bound to a person (npm run keys)" },
      },
    },
    paths: { ...metadataPaths, ...logsPaths, ...dashboardPaths },
  };
}
