"use client";
// Global shortcuts: "/" focuses the page's search box (an element with a
// data-search-input attribute); "g r" goes to Runs, "g n" to Namespaces.
// Ignored while typing in a field or with a modifier key held.
import { useRouter } from "next/navigation";
import { useEffect } from "react";

const SEQUENCE_MS = 1200;
const GO_TO: Record<string, string> = { r: "/", n: "/namespaces" };

export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  return target.closest("input, textarea, select, [contenteditable=''], [contenteditable='true']") !== null;
}

export function KeyboardShortcuts() {
  const router = useRouter();

  useEffect(() => {
    let pendingG = 0;
    function onKeyDown(e: KeyboardEvent) {
      if (e.defaultPrevented || e.isComposing || e.ctrlKey || e.metaKey || e.altKey) return;
      if (isTypingTarget(e.target)) return;
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
    return () => window.removeEventListener("keydown", onKeyDown);
  }, [router]);

  return null;
}
