import Link from "next/link";
import { withNamespace } from "@/components/ui/links";

/** A run's tags; each one filters the runs list by it. */
export function TagChips({ tags, system, namespace, label }: { tags: string[]; system?: boolean; namespace: string; label: string }) {
  if (!tags.length) return <span className="text-zinc-500 dark:text-zinc-400">none</span>;
  const style = system
    ? "border border-zinc-200 text-zinc-600 hover:border-zinc-400 dark:border-zinc-700 dark:text-zinc-400 dark:hover:border-zinc-500"
    : "bg-sky-50 text-sky-800 hover:bg-sky-100 dark:bg-sky-900/30 dark:text-sky-200 dark:hover:bg-sky-900/60";
  return (
    <ul className="flex flex-wrap gap-1.5" aria-label={label}>
      {tags.map((t) => (
        <li key={t}>
          <Link
            href={`${withNamespace("/", namespace)}&tag=${encodeURIComponent(t)}`}
            title={`Runs tagged ${t}`}
            className={`inline-block rounded px-1.5 py-0.5 font-mono text-xs break-all ${style}`}
          >
            {t}
          </Link>
        </li>
      ))}
    </ul>
  );
}
