import type { TaskCurrent } from "@/lib/domain/task";

/** What Metaflow's `current` gives inside the task. */
export function CurrentIds({ current }: { current: TaskCurrent }) {
  return (
    <div className="px-8 pt-1 pb-3">
      <p className="text-xs font-medium tracking-wide text-zinc-500 uppercase dark:text-zinc-400">current</p>
      <dl className="mt-1 grid grid-cols-[max-content_1fr] gap-x-4 gap-y-0.5 font-mono text-xs">
        {Object.entries(current).map(([k, v]) => (
          <div key={k} className="contents">
            <dt className="text-zinc-500 dark:text-zinc-400">{k}</dt>
            <dd className="break-all">{v ?? "None"}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
