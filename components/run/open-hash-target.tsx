"use client";
// A link to a step or task of a run (#step-train, #task-79) opens and
// highlights it, on load and when the hash changes. :target alone does not
// do: client navigation does not update it, and a task's details stay closed.
import { useEffect } from "react";

export function OpenHashTarget() {
  useEffect(() => {
    let previous: HTMLElement | null = null;
    const open = () => {
      previous?.removeAttribute("data-highlighted");
      const id = decodeURIComponent(window.location.hash.slice(1));
      const el = id ? document.getElementById(id) : null;
      if (!el) return;
      el.querySelector("details")?.setAttribute("open", "");
      el.setAttribute("data-highlighted", "true");
      el.scrollIntoView({ block: "center" });
      previous = el;
    };
    open();
    window.addEventListener("hashchange", open);
    return () => window.removeEventListener("hashchange", open);
  }, []);
  return null;
}
