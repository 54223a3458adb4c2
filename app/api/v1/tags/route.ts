// GET /api/v1/tags?prefix=…&limit=… : tag autocomplete, most used first.
import { getDb } from "@/lib/db";
import { jsonRoute } from "@/lib/http/json-route";
import { handleSuggestTags } from "@/lib/http/runs-api";

export const GET = jsonRoute(async (request: Request) => handleSuggestTags(await getDb(), request));
