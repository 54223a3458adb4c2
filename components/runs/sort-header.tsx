"use client";
// A column header that sorts the runs list on the server: a link to the same
// list in this column's order (again: the other direction), with aria-sort.
import Link from "next/link";
import { usePathname, useSearchParams } from "next/navigation";
import { DEFAULT_SORT, firstDir, sortOfParams, sortParams, type SortKey } from "@/lib/domain/run-sort";
import { hrefOf } from "./filter-url";

export function SortHeader({ column, label, className }: { column: SortKey; label: string; className: string }) {
  const params = useSearchParams();
  const pathname = usePathname() ?? "/";
  const sort = sortOfParams(params);
  const active = sort.key === column;
  const dir = active ? (sort.dir === "asc" ? "desc" : "asc") : firstDir(column);
  const next = new URLSearchParams(params);
  next.delete("cursor");
  next.delete("sort");
  next.delete("dir");
  for (const [k, v] of Object.entries(sortParams({ key: column, dir }))) next.set(k, v);
  const ariaSort = active ? (sort.dir === "asc" ? "ascending" : "descending") : "none";
  const isDefault = column === DEFAULT_SORT.key && dir === DEFAULT_SORT.dir;
  return (
    <th scope="col" aria-sort={ariaSort} className={className}>
      <Link
        href={hrefOf(pathname, next)}
        scroll={false}
        replace
        title={`Sort by ${label.toLowerCase()}${isDefault ? " (newest first)" : `, ${dir === "asc" ? "ascending" : "descending"}`}`}
        className="inline-flex items-center gap-1 uppercase hover:text-zinc-900 hover:underline dark:hover:text-zinc-100"
      >
        {label}
        <span aria-hidden="true" className={active ? "text-zinc-900 dark:text-zinc-100" : "text-zinc-300 dark:text-zinc-600"}>
          {active ? (sort.dir === "asc" ? "▲" : "▼") : "↕"}
        </span>
      </Link>
    </th>
  );
}
