"use client";
// A run's tags, editable: user tags can be removed or renamed, new ones added
// (with suggestions); system tags are locked and say why. Changes show at once
// and roll back with the server's message when refused. Changes made elsewhere
// (another browser, a Metaflow client) arrive through the change stream.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { editRunTagsAction } from "@/lib/actions/tag-actions";
import { expectedUserTags, type TagChange } from "@/lib/domain/tag-edit";
import { fetchJson } from "@/lib/http/fetch-json";
import { queryKeys } from "@/lib/query-keys";
import { TagCombobox } from "@/components/tags/tag-combobox";
import { withNamespace } from "@/components/ui/links";
import { changesTagsOf, useChangeStream } from "@/components/runs/use-change-stream";
import { LiveIndicator } from "@/components/runs/live-indicator";

export type RunTagSet = { tags: string[]; systemTags: string[] };
type Props = { flow: string; run: string; runDbId: number; namespace: string; initial: RunTagSet };

const BUTTON =
  "rounded-md border border-zinc-300 px-3 py-1.5 text-sm font-medium hover:bg-zinc-50 disabled:opacity-60 dark:border-zinc-700 dark:hover:bg-zinc-900";
const CHIP_LINK = "font-mono text-xs break-all hover:underline";

export function RunTagEditor({ flow, run, runDbId, namespace, initial }: Props) {
  const queryClient = useQueryClient();
  const router = useRouter();
  const key = queryKeys.tags.forRun(flow, run);
  const [error, setError] = useState<string | null>(null);
  const [text, setText] = useState("");
  const [renaming, setRenaming] = useState<string | null>(null);

  const tags = useQuery({
    queryKey: key,
    queryFn: () => fetchJson<RunTagSet>(`/api/v1/runs/${encodeURIComponent(flow)}/${encodeURIComponent(run)}/tags?namespace=${encodeURIComponent(namespace)}`),
    initialData: initial,
  });
  const refreshAll = () => {
    void queryClient.invalidateQueries({ queryKey: key });
    void queryClient.invalidateQueries({ queryKey: queryKeys.tags.history(flow, run) });
    void queryClient.invalidateQueries({ queryKey: queryKeys.runs.all });
    router.refresh();
  };
  const live = useChangeStream(namespace, (m) => changesTagsOf(m, runDbId) && refreshAll(), refreshAll);

  const edit = useMutation({
    mutationFn: async (change: TagChange) => {
      const result = await editRunTagsAction({ flow, run, namespace, ...change });
      if (!result.ok) throw new Error(result.error);
      return { tags: result.tags!, systemTags: result.systemTags! };
    },
    onMutate: async (change) => {
      setError(null);
      await queryClient.cancelQueries({ queryKey: key });
      const previous = queryClient.getQueryData<RunTagSet>(key);
      if (previous) queryClient.setQueryData<RunTagSet>(key, { ...previous, tags: expectedUserTags(previous, change) });
      return { previous };
    },
    onError: (e, _change, context) => {
      if (context?.previous) queryClient.setQueryData(key, context.previous);
      setError(e.message);
    },
    onSuccess: (saved) => queryClient.setQueryData(key, saved),
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.tags.history(flow, run) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.runs.all });
      router.refresh();
    },
  });

  const add = (tag: string) => {
    if (!tag.trim()) return;
    setText("");
    edit.mutate({ add: [tag.trim()], remove: [] });
  };
  const { tags: userTags, systemTags } = tags.data;
  return (
    <div className="space-y-3">
      <div>
        <div className="mb-1.5 flex items-center justify-between gap-2">
          <h3 className="text-xs font-medium tracking-wide text-zinc-500 uppercase dark:text-zinc-400">User tags</h3>
          <LiveIndicator state={live} />
        </div>
        {userTags.length ? (
          <ul className="flex flex-wrap gap-1.5" aria-label="User tags">
            {userTags.map((t) => (
              <li key={t}>
                {renaming === t ? (
                  <RenameForm
                    tag={t}
                    onCancel={() => setRenaming(null)}
                    onRename={(to) => {
                      setRenaming(null);
                      if (to !== t) edit.mutate({ add: [to], remove: [t] });
                    }}
                  />
                ) : (
                  <span className="inline-flex items-center gap-1 rounded bg-sky-50 py-0.5 pr-0.5 pl-1.5 text-sky-800 dark:bg-sky-900/30 dark:text-sky-200">
                    <Link href={`${withNamespace("/", namespace)}&tag=${encodeURIComponent(t)}`} title={`Runs tagged ${t}`} className={CHIP_LINK}>
                      {t}
                    </Link>
                    <button
                      type="button"
                      aria-label={`Rename tag ${t}`}
                      title={`Rename ${t}`}
                      onClick={() => setRenaming(t)}
                      className="rounded px-1 text-xs text-sky-700 hover:bg-sky-100 dark:text-sky-300 dark:hover:bg-sky-800/60"
                    >
                      ✎
                    </button>
                    <button
                      type="button"
                      aria-label={`Remove tag ${t}`}
                      title={`Remove ${t}`}
                      onClick={() => edit.mutate({ add: [], remove: [t] })}
                      className="rounded px-1 text-sm leading-none text-sky-700 hover:bg-sky-100 dark:text-sky-300 dark:hover:bg-sky-800/60"
                    >
                      ×
                    </button>
                  </span>
                )}
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-sm text-zinc-500 dark:text-zinc-400">No user tags yet.</p>
        )}
      </div>
      <form
        className="flex items-end gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          add(text);
        }}
      >
        <TagCombobox
          label="Add a tag"
          labelClassName="mb-1 block text-xs font-medium text-zinc-600 dark:text-zinc-400"
          className="w-full max-w-sm"
          value={text}
          onValueChange={setText}
          onSubmit={add}
          noMatchText="A new tag: Enter adds it"
          inputProps={{ placeholder: "e.g. candidate or date:2020-06-01", maxLength: 2000 }}
        />
        <button type="submit" className={BUTTON} disabled={!text.trim()}>
          Add
        </button>
      </form>
      {error ? (
        <p role="alert" className="text-sm text-rose-700 dark:text-rose-300">
          {error}
        </p>
      ) : null}
      <div>
        <h3 className="mb-1.5 text-xs font-medium tracking-wide text-zinc-500 uppercase dark:text-zinc-400">System tags</h3>
        <ul className="flex flex-wrap gap-1.5" aria-label="System tags">
          {systemTags.map((t) => (
            <SystemTag key={t} tag={t} namespace={namespace} />
          ))}
        </ul>
      </div>
    </div>
  );
}

const LOCKED_WHY = "System tag: set by Metaflow when the run started, so it cannot be changed or removed.";

function SystemTag({ tag, namespace }: { tag: string; namespace: string }) {
  const tip = useId();
  return (
    <li className="group relative">
      <Link
        href={`${withNamespace("/", namespace)}&tag=${encodeURIComponent(tag)}`}
        aria-describedby={tip}
        className="inline-flex items-center gap-1 rounded border border-zinc-200 px-1.5 py-0.5 text-zinc-600 hover:border-zinc-400 dark:border-zinc-700 dark:text-zinc-400 dark:hover:border-zinc-500"
      >
        <svg aria-hidden="true" viewBox="0 0 16 16" className="size-3 fill-current opacity-70">
          <path d="M8 1a3.5 3.5 0 0 0-3.5 3.5V6H4a1.5 1.5 0 0 0-1.5 1.5v6A1.5 1.5 0 0 0 4 15h8a1.5 1.5 0 0 0 1.5-1.5v-6A1.5 1.5 0 0 0 12 6h-.5V4.5A3.5 3.5 0 0 0 8 1Zm2 5H6V4.5a2 2 0 1 1 4 0V6Z" />
        </svg>
        <span className="font-mono text-xs break-all">{tag}</span>
      </Link>
      <span
        id={tip}
        role="tooltip"
        className="pointer-events-none absolute top-full left-0 z-20 mt-1 hidden w-64 rounded-md bg-zinc-900 px-2.5 py-1.5 text-xs text-white shadow-lg group-focus-within:block group-hover:block dark:bg-zinc-100 dark:text-zinc-900"
      >
        {LOCKED_WHY}
      </span>
    </li>
  );
}

function RenameForm({ tag, onRename, onCancel }: { tag: string; onRename: (to: string) => void; onCancel: () => void }) {
  const [to, setTo] = useState(tag);
  const id = useId();
  return (
    <form
      className="inline-flex items-center gap-1"
      onSubmit={(e) => {
        e.preventDefault();
        if (to.trim()) onRename(to.trim());
      }}
    >
      <label htmlFor={id} className="sr-only">
        New name for {tag}
      </label>
      <input
        id={id}
        value={to}
        onChange={(e) => setTo(e.target.value)}
        autoFocus
        onKeyDown={(e) => e.key === "Escape" && onCancel()}
        className="w-48 rounded border border-zinc-300 px-1.5 py-0.5 font-mono text-xs dark:border-zinc-700 dark:bg-zinc-900"
      />
      <button type="submit" className="rounded px-1.5 py-0.5 text-xs font-medium text-sky-700 hover:bg-sky-50 dark:text-sky-300">
        Rename
      </button>
      <button type="button" onClick={onCancel} className="rounded px-1.5 py-0.5 text-xs text-zinc-600 hover:bg-zinc-100 dark:text-zinc-400">
        Cancel
      </button>
    </form>
  );
}
