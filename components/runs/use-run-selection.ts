"use client";
// Which runs of the list are selected for a bulk edit: rows picked one by one
// (shift-click adds the range from the last row clicked), or every run
// matching the filter, which the server resolves. A new namespace or filter
// starts a new selection.
import { useEffect, useRef, useState } from "react";
import type { RunSummary } from "@/lib/data/runs-read";
import type { RowSelection } from "./runs-table";

export function useRunSelection(runs: RunSummary[], resetKey: string) {
  const [picked, setPicked] = useState<Map<number, string>>(() => new Map());
  const [allMatching, setAllMatching] = useState(false);
  const anchor = useRef<number | null>(null);
  const clear = () => {
    setPicked(new Map());
    setAllMatching(false);
    anchor.current = null;
  };
  // A new namespace or filter: reset while rendering (not in an effect, which
  // would first show the old selection); the anchor ref is reset after render.
  const [seenKey, setSeenKey] = useState(resetKey);
  if (seenKey !== resetKey) {
    setSeenKey(resetKey);
    setPicked(new Map());
    setAllMatching(false);
  }
  useEffect(() => {
    anchor.current = null;
  }, [resetKey]);

  const isSelected = (r: RunSummary) => allMatching || picked.has(r.dbId);
  const selectedOnScreen = runs.filter(isSelected).length;
  const loaded: RowSelection["loaded"] = selectedOnScreen === 0 ? "none" : selectedOnScreen === runs.length ? "all" : "some";

  const selection: RowSelection = {
    isSelected,
    loaded,
    toggle(index, range) {
      const select = !isSelected(runs[index]);
      const [from, to] = range && anchor.current !== null ? [Math.min(anchor.current, index), Math.max(anchor.current, index)] : [index, index];
      // Leaving "all matching" keeps the loaded rows selected, as they were shown.
      const next = new Map(allMatching ? runs.map((r) => [r.dbId, r.pathspec] as const) : picked);
      for (let i = from; i <= to; i++) {
        if (select) next.set(runs[i].dbId, runs[i].pathspec);
        else next.delete(runs[i].dbId);
      }
      setPicked(next);
      setAllMatching(false);
      anchor.current = index;
    },
    toggleLoaded() {
      if (loaded === "all") return clear();
      setPicked(new Map(runs.map((r) => [r.dbId, r.pathspec] as const)));
    },
  };
  return { selection, picked, allMatching, selectAllMatching: () => setAllMatching(true), clear };
}
