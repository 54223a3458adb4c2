"use client";
// The tag filter: pick how tags combine (all of, any of, none of), then type
// a tag. Suggestions come from GET /api/v1/tags, key first, then its values.
// "/" focuses this field (data-search-input).
import { useState } from "react";
import { TagCombobox } from "@/components/tags/tag-combobox";
import { TAG_MODES, type TagMode } from "./filter-url";

export function TagFilterInput({ onAdd }: { onAdd: (mode: TagMode, tag: string) => void }) {
  const [mode, setMode] = useState<TagMode>("tag");
  const [text, setText] = useState("");
  const add = (tag: string) => {
    setText("");
    onAdd(mode, tag);
  };

  return (
    <div className="flex w-full min-w-0 items-end gap-2 md:w-auto md:min-w-[22rem] md:flex-1">
      <div>
        <label htmlFor="tag-mode" className="mb-1 block text-xs font-medium text-zinc-600 dark:text-zinc-400">
          Runs that
        </label>
        <select
          id="tag-mode"
          value={mode}
          onChange={(e) => setMode(e.target.value as TagMode)}
          className="rounded-md border border-zinc-300 bg-white px-2 py-1.5 text-sm dark:border-zinc-700 dark:bg-zinc-900"
        >
          {TAG_MODES.map((m) => (
            <option key={m.mode} value={m.mode}>
              {m.label}
            </option>
          ))}
        </select>
      </div>
      <TagCombobox
        label="Filter by tag"
        labelClassName="mb-1 block text-xs font-medium text-zinc-600 dark:text-zinc-400"
        className="min-w-0 flex-1"
        value={text}
        onValueChange={setText}
        onSubmit={add}
        noMatchText="No tag starts like this: Enter filters by it anyway"
        inputProps={{ "data-search-input": true, placeholder: "Tag, e.g. date:2020-06-01   ( / )", "aria-keyshortcuts": "/" }}
      />
    </div>
  );
}
