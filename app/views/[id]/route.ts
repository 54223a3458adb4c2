// GET /views/{id}: a saved view's own URL; it redirects to the runs list as
// saved. A route handler, not a page, so that a deleted view answers a real 404.
import { getDb } from "@/lib/db";
import { getSavedView } from "@/lib/data/saved-views";

export const dynamic = "force-dynamic";

export async function GET(request: Request, ctx: { params: Promise<{ id: string }> }) {
  const { id } = await ctx.params;
  const view = /^\d{1,10}$/.test(id) ? await getSavedView(await getDb(), Number(id)) : null;
  if (view) return Response.redirect(new URL(`/?${view.query}`, request.url), 303);
  const page = `<!doctype html><html lang="en"><meta charset="utf-8"><title>View not found · Flowdeck</title>
<body style="font-family:system-ui,sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem">
<h1>That view does not exist</h1><p>It may have been deleted by its author.</p><p><a href="/views">See the saved views</a></p></body></html>`;
  return new Response(page, { status: 404, headers: { "content-type": "text/html; charset=utf-8" } });
}
