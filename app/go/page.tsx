import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { isUserError } from "@/lib/errors";
import { pathspecTarget } from "@/components/ui/links";
import { formatPathspec, parsePathspec } from "@/lib/domain/pathspec";
import { flowNameLike } from "@/lib/data/resolve";
import { getDb } from "@/lib/db";
import { PageProblem } from "@/components/ui/page-problem";

export const metadata: Metadata = { title: "Go to pathspec" };

// Where the header's "Go to pathspec" form lands when it is submitted before
// JavaScript has loaded: the same rules as the inline form.
export default async function GoPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { pathspec, namespace } = await searchParams;
  const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? "";
  let target: string;
  try {
    const spec = parsePathspec(first(pathspec));
    // A flow name typed in the wrong case opens the recorded flow.
    const flow = (await flowNameLike(await getDb(), spec.flow)) ?? spec.flow;
    target = pathspecTarget(formatPathspec({ ...spec, flow }), first(namespace) || null);
  } catch (e) {
    if (isUserError(e)) return <PageProblem title="That pathspec cannot be opened" message={e.message} next={{ href: "/flows", label: "See the flows" }} />;
    throw e;
  }
  redirect(target);
}
