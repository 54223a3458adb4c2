import Link from "next/link";
import { GLOBAL } from "@/lib/domain/namespace";
import { namespaceHref } from "@/components/ui/links";
import { SwitchNamespaceLink } from "./switch-namespace-link";

/** Shown instead of a run that is outside the namespace in effect: never show it silently. */
export function NotInNamespace({
  flow,
  run,
  message,
  namespaces,
  current,
}: {
  flow: string;
  run: string;
  message: string;
  namespaces: string[];
  current: string;
}) {
  return (
    <section
      aria-labelledby="not-in-namespace"
      className="mx-auto max-w-2xl rounded-lg border border-amber-300 bg-amber-50 p-6 dark:border-amber-700/60 dark:bg-amber-950/30"
    >
      <h1 id="not-in-namespace" className="text-xl font-semibold break-words">
        {message}
      </h1>
      <p className="mt-3 text-sm text-zinc-700 dark:text-zinc-300">
        Namespaces keep you from using someone else&apos;s results by accident. To see this run, switch to one of the namespaces it is in, or to Global, where
        every run is visible.
      </p>
      <h2 className="mt-5 text-sm font-medium">Namespaces of this run</h2>
      <ul className="mt-2 flex flex-wrap gap-2" aria-label="Namespaces of this run">
        {namespaces.map((ns, i) => (
          <li key={ns}>
            <SwitchNamespaceLink flow={flow} run={run} namespace={ns} label={ns} primary={i === 0} />
          </li>
        ))}
        <li>
          <SwitchNamespaceLink flow={flow} run={run} namespace={GLOBAL} label="Global" />
        </li>
      </ul>
      <p className="mt-5 text-sm">
        <Link href={namespaceHref(current)} className="text-sky-700 underline hover:no-underline dark:text-sky-300">
          Back to the runs in {current}
        </Link>
      </p>
    </section>
  );
}
