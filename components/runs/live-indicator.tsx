import type { LiveState } from "./use-change-stream";

const LOOK: Record<LiveState, { text: string; dot: string; title: string }> = {
  live: { text: "Live", dot: "bg-emerald-500", title: "New runs and changes appear as they happen" },
  connecting: { text: "Connecting…", dot: "bg-zinc-400", title: "Connecting to live updates" },
  reconnecting: { text: "Reconnecting…", dot: "bg-amber-500 animate-pulse", title: "Live updates were interrupted; reconnecting" },
};

export function LiveIndicator({ state }: { state: LiveState }) {
  const look = LOOK[state];
  return (
    <span
      role="status"
      title={look.title}
      data-live-state={state}
      className="inline-flex items-center gap-1.5 rounded-full border border-zinc-200 px-2 py-0.5 text-xs text-zinc-600 dark:border-zinc-700 dark:text-zinc-300"
    >
      <span aria-hidden="true" className={`size-2 rounded-full ${look.dot}`} />
      {look.text}
    </span>
  );
}
