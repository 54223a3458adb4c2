"use client"; // useParams names what was asked for.
import Link from "next/link";
import { useParams } from "next/navigation";

export default function StepOrTaskNotFound() {
  const p = useParams<{ flow: string; run: string; step: string; task?: string }>();
  const spec = [p?.flow, p?.run, p?.step, p?.task]
    .filter(Boolean)
    .map((s) => decodeURIComponent(s!))
    .join("/");
  return (
    <section className="mx-auto max-w-xl py-12 text-center">
      <h1 className="text-xl font-semibold">
        {p?.task ? "Task" : "Step"} {spec} does not exist
      </h1>
      <p className="mt-3 text-sm text-zinc-600 dark:text-zinc-400">The run exists, but has no such {p?.task ? "task" : "step"} (yet).</p>
      <p className="mt-6 text-sm">
        {p?.flow && p?.run ? (
          <Link href={`/runs/${p.flow}/${p.run}`} className="font-medium text-sky-700 underline hover:no-underline dark:text-sky-300">
            Open the run
          </Link>
        ) : null}
      </p>
    </section>
  );
}
