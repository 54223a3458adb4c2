"use client";
// Which optional columns the runs table shows: kept in the URL (`columns=`),
// so a link or a saved view opens the table as it was.
import { useSearchParams } from "next/navigation";
import { useState } from "react";
import { COLUMN_LABELS, RUN_COLUMNS, columnsParam, parseColumns, type RunColumn } from "@/lib/domain/run-columns";

export function ColumnChooser({ navigate }: { navigate: (href: string) => void }) {
  const params = useSearchParams();
  const inUrl = params.get("columns");
  // The boxes follow a click at once, while the new address loads.
  const [chosen, setChosen] = useState<RunColumn[] | null>(null);
  const [chosenFor, setChosenFor] = useState(inUrl);
  if (chosenFor !== inUrl) {
    setChosenFor(inUrl);
    setChosen(null);
  }
  const shown = chosen ?? parseColumns(inUrl);
  const toggle = (c: RunColumn, on: boolean) => {
    const next = new URLSearchParams(params);
    const columns = on ? [...shown, c] : shown.filter((x) => x !== c);
    setChosen(columns);
    const value = columnsParam(columns);
    if (value === null) next.delete("columns");
    else next.set("columns", value);
    navigate(`?${next}`);
  };
  return (
    <details className="relative text-sm">
      <summary className="cursor-pointer rounded-md border border-zinc-300 px-2.5 py-1 text-zinc-700 select-none hover:bg-zinc-50 dark:border-zinc-700 dark:text-zinc-200 dark:hover:bg-zinc-900">
        Columns{shown.length < RUN_COLUMNS.length ? ` (${shown.length} of ${RUN_COLUMNS.length})` : ""}
      </summary>
      <fieldset className="absolute z-20 mt-1 w-44 space-y-1 rounded-md border border-zinc-200 bg-white p-2 shadow-lg dark:border-zinc-700 dark:bg-zinc-900">
        <legend className="sr-only">Columns shown</legend>
        {RUN_COLUMNS.map((c) => (
          <label key={c} className="flex items-center gap-2">
            <input type="checkbox" checked={shown.includes(c)} onChange={(e) => toggle(c, e.target.checked)} className="size-4 accent-sky-700" />
            {COLUMN_LABELS[c]}
            {/* Named "Flow column", not "Flow": the filters have fields named Flow, Status and User. */}
            <span className="sr-only"> column</span>
          </label>
        ))}
      </fieldset>
    </details>
  );
}
