"use client"; // useParams names the run that was asked for.
import Link from "next/link";
import { useParams } from "next/navigation";

export default function RunNotFound() {
  const params = useParams<{ flow: string; run: string }>();
  const title =
    params?.flow && params?.run ? `Run ${decodeURIComponent(params.flow)}/${decodeURIComponent(params.run)} does not exist` : "This run does not exist";
  return (
    <section className="mx-auto max-w-xl py-12 text-center">
      <h1 className="text-xl font-semibold">{title}</h1>
      <p className="mt-3 text-sm text-zinc-600 dark:text-zinc-400">
        No run has this id in any namespace. Check the flow name and run id: run ids are never reused, and a run is never deleted.
      </p>
      <p className="mt-6 text-sm">
        <Link href="/flows" className="font-medium text-sky-700 underline hover:no-underline dark:text-sky-300">
          See the flows
        </Link>
      </p>
    </section>
  );
}
