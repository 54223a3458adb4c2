/** Narrows the namespaces page by the beginning of a name (a plain GET form). */
export function NamespaceFilter({ prefix, namespace }: { prefix: string; namespace: string | null }) {
  return (
    <form role="search" aria-label="Filter namespaces" action="/namespaces" className="flex flex-wrap items-center gap-2">
      {namespace ? <input type="hidden" name="namespace" value={namespace} /> : null}
      <label htmlFor="namespace-prefix" className="text-sm text-zinc-600 dark:text-zinc-400">
        Starts with
      </label>
      <input
        id="namespace-prefix"
        name="prefix"
        defaultValue={prefix}
        data-search-input
        placeholder="user:, production:, xyz…"
        autoComplete="off"
        spellCheck={false}
        className="w-64 rounded-md border border-zinc-300 bg-white px-2.5 py-1.5 font-mono text-sm placeholder:font-sans placeholder:text-zinc-400 focus:border-sky-600 focus:ring-2 focus:ring-sky-600/30 focus:outline-none dark:border-zinc-700 dark:bg-zinc-900"
      />
      <button
        type="submit"
        className="rounded-md border border-zinc-300 px-3 py-1.5 text-sm font-medium hover:bg-zinc-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-600 dark:border-zinc-700 dark:hover:bg-zinc-800"
      >
        Filter
      </button>
    </form>
  );
}
