// While the runs list loads: the page's shape, quietly.
export default function Loading() {
  return (
    <div className="space-y-5" aria-busy="true">
      <p className="sr-only" role="status">
        Loading runs…
      </p>
      <div className="space-y-2">
        <div className="h-7 w-24 rounded bg-zinc-200 dark:bg-zinc-800" />
        <div className="h-4 w-56 rounded bg-zinc-100 dark:bg-zinc-900" />
      </div>
      <div className="h-16 rounded-lg border border-zinc-200 bg-zinc-50/60 dark:border-zinc-800 dark:bg-zinc-900/40" />
      <div className="overflow-hidden rounded-lg border border-zinc-200 dark:border-zinc-800">
        {Array.from({ length: 8 }, (_, i) => (
          <div key={i} className="flex gap-6 border-b border-zinc-100 px-3 py-3 last:border-0 dark:border-zinc-800/80">
            <div className="h-4 w-28 animate-pulse rounded bg-zinc-100 dark:bg-zinc-800" />
            <div className="h-4 w-10 animate-pulse rounded bg-zinc-100 dark:bg-zinc-800" />
            <div className="h-4 w-16 animate-pulse rounded bg-zinc-100 dark:bg-zinc-800" />
            <div className="h-4 w-20 animate-pulse rounded bg-zinc-100 dark:bg-zinc-800" />
            <div className="h-4 flex-1 animate-pulse rounded bg-zinc-100 dark:bg-zinc-800" />
          </div>
        ))}
      </div>
    </div>
  );
}
