import { RememberingLink } from "@/components/ui/remembering-link";
import { runHref } from "@/components/ui/links";

/** Opens the run again in another namespace, and remembers that namespace. */
export function SwitchNamespaceLink({
  flow,
  run,
  namespace,
  label,
  primary,
}: {
  flow: string;
  run: string;
  namespace: string;
  label: string;
  primary?: boolean;
}) {
  const style = primary
    ? "bg-sky-700 text-white hover:bg-sky-800 dark:bg-sky-600 dark:hover:bg-sky-500"
    : "border border-zinc-300 bg-white text-zinc-800 hover:bg-zinc-50 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100 dark:hover:bg-zinc-800";
  return (
    <RememberingLink
      href={runHref(flow, run, namespace)}
      namespace={namespace}
      className={`inline-flex items-center rounded-md px-3 py-1.5 text-sm font-medium focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-600 ${style}`}
    >
      Switch to <span className="font-mono">{label}</span>
    </RememberingLink>
  );
}
