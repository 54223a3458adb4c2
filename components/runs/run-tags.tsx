"use client";
// A run's tags in the list. User tags are solid chips; system tags (set by
// Metaflow, immutable) are muted outlines and say so to screen readers.
// Clicking any tag adds it to the "has all of" filter.
import Link from "next/link";
import { usePathname, useSearchParams } from "next/navigation";
import { useState } from "react";
import { hrefOf, withTag } from "./filter-url";

const USER =
  "bg-sky-50 text-sky-800 ring-1 ring-sky-600/15 ring-inset hover:bg-sky-100 dark:bg-sky-900/30 dark:text-sky-200 dark:ring-sky-400/20 dark:hover:bg-sky-900/60";
const SYSTEM = "text-zinc-600 hover:bg-zinc-100 hover:text-zinc-800 dark:text-zinc-400 dark:hover:bg-zinc-800 dark:hover:text-zinc-200";

export function RunTags({ tags, systemTags }: { tags: string[]; systemTags: string[] }) {
  const params = useSearchParams();
  const pathname = usePathname() ?? "/";
  const active = new Set(params.getAll("tag"));
  const [expanded, setExpanded] = useState(false);
  // Who owns the run (user: or production:) matters most among system tags:
  // it stays in sight; the rest collapse to a count, so user tags stand out.
  const isOwner = (t: string) => t.startsWith("user:") || t.startsWith("production:");
  const owners = systemTags.filter(isOwner);
  const others = systemTags.filter((t) => !isOwner(t));
  const hidden = others.filter((t) => !active.has(t)); // a tag being filtered by is always shown
  const system = expanded ? [...owners, ...others] : [...owners, ...others.filter((t) => active.has(t))];
  const chip = (tag: string, system: boolean) => (
    <li key={`${system ? "s" : "u"}:${tag}`}>
      <Link
        href={hrefOf(pathname, withTag(params, "tag", tag))}
        scroll={false}
        title={system ? `system tag — show only runs with ${tag}` : `user tag — show only runs with ${tag}`}
        aria-current={active.has(tag) ? "true" : undefined}
        className={`inline-block max-w-64 truncate rounded py-px align-middle font-mono text-[11px] leading-5 ${system ? "px-1" : "px-1.5"} focus-visible:outline-2 focus-visible:outline-sky-600 ${system ? SYSTEM : USER}`}
      >
        <span className="sr-only">{system ? "system tag " : "user tag "}</span>
        {tag}
      </Link>
    </li>
  );
  return (
    <div className="space-y-1">
      {tags.length ? (
        <ul className="flex flex-wrap gap-1" aria-label="User tags">
          {tags.map((t) => chip(t, false))}
        </ul>
      ) : null}
      {systemTags.length ? (
        <div className="flex items-baseline gap-1.5">
          <span aria-hidden="true" className="text-[10px] font-medium tracking-wide text-zinc-600 uppercase dark:text-zinc-400">
            system
          </span>
          <ul className="flex flex-wrap items-baseline gap-1" aria-label="System tags">
            {system.map((t) => chip(t, true))}
            {hidden.length ? (
              <li>
                <button
                  type="button"
                  onClick={() => setExpanded(!expanded)}
                  aria-expanded={expanded}
                  aria-label={expanded ? "Show fewer system tags" : `Show ${hidden.length} more system tags`}
                  className="rounded px-1 font-mono text-[11px] leading-5 text-zinc-600 hover:bg-zinc-100 hover:text-zinc-900 dark:text-zinc-400 dark:hover:bg-zinc-800 dark:hover:text-zinc-100"
                >
                  {expanded ? "less" : `+${hidden.length} system`}
                </button>
              </li>
            ) : null}
          </ul>
        </div>
      ) : null}
    </div>
  );
}
