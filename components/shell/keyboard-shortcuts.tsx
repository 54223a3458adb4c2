"use client";
// Global shortcuts: "/" focuses the page's search box (an element with a
// data-search-input attribute); "g r" goes to Runs, "g n" to Namespaces,
// "g p" to Production, "g a" to Audit; "?" lists them all; ⌘K / Ctrl-K opens
// the command palette (command-palette.tsx). Ignored while typing in a field
// or with a modifier key held.
import { useRouter } from "next/navigation";
import { useEffect, useRef } from "react";

const SEQUENCE_MS = 1200;
const GO_TO: Record<string, string> = { r: "/", f: "/flows", n: "/namespaces", p: "/production", a: "/audit" };

export const SHORTCUTS: [keys: string, what: string][] = [
  ["⌘K / Ctrl-K", "Command palette: jump to a run, flow, namespace or page"],
  ["/", "Focus the search or tag filter"],
  ["g r", "Go to Runs"],
  ["g f", "Go to Flows"],
  ["g n", "Go to Namespaces"],
  ["g p", "Go to Production"],
  ["g a", "Go to Audit"],
  ["?", "Show these shortcuts"],
  ["Esc", "Close a menu or dialog"],
];

export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  return target.closest("input, textarea, select, [contenteditable=''], [contenteditable='true']") !== null;
}

export function KeyboardShortcuts() {
  const router = useRouter();
  const help = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    let pendingG = 0;
    function onKeyDown(e: KeyboardEvent) {
      if (e.defaultPrevented || e.isComposing || e.ctrlKey || e.metaKey || e.altKey) return;
      if (isTypingTarget(e.target)) return;
      if (e.key === "?") {
        e.preventDefault();
        if (!help.current?.open) help.current?.showModal();
        return;
      }
      if (e.key === "/") {
        const search = document.querySelector<HTMLElement>("[data-search-input]");
        if (search) {
          e.preventDefault();
          search.focus();
        }
        pendingG = 0;
        return;
      }
      if (pendingG && Date.now() - pendingG < SEQUENCE_MS && GO_TO[e.key]) {
        e.preventDefault();
        pendingG = 0;
        router.push(GO_TO[e.key]);
        return;
      }
      pendingG = e.key === "g" ? Date.now() : 0;
    }
    window.addEventListener("keydown", onKeyDown);
    // Says the keys are live: before hydration a key press does nothing (journeys wait for this).
    document.documentElement.dataset.shortcuts = "ready";
    return () => {
      window.removeEventListener("keydown", onKeyDown);
      delete document.documentElement.dataset.shortcuts;
    };
  }, [router]);

  return (
    <dialog
      ref={help}
      aria-labelledby="shortcuts-title"
      className="m-auto w-[min(28rem,calc(100vw-2rem))] rounded-lg border border-zinc-200 p-5 text-sm shadow-xl backdrop:bg-black/40 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100"
    >
      <h2 id="shortcuts-title" className="text-base font-semibold">
        Keyboard shortcuts
      </h2>
      <dl className="mt-3 grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1.5">
        {SHORTCUTS.map(([keys, what]) => (
          <div key={keys} className="contents">
            <dt>
              <kbd className="rounded border border-zinc-300 bg-zinc-50 px-1.5 py-0.5 font-mono text-xs dark:border-zinc-600 dark:bg-zinc-800">{keys}</kbd>
            </dt>
            <dd className="text-zinc-700 dark:text-zinc-300">{what}</dd>
          </div>
        ))}
      </dl>
      <form method="dialog" className="mt-4 text-right">
        <button className="rounded-md border border-zinc-300 px-3 py-1.5 font-medium hover:bg-zinc-50 dark:border-zinc-700 dark:hover:bg-zinc-800">
          Close
        </button>
      </form>
    </dialog>
  );
}
