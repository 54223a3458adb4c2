// Filters of the Audit page: a plain GET form, so every view has its URL.
const INPUT = "w-full rounded-md border border-zinc-300 bg-white px-2.5 py-1.5 text-sm dark:border-zinc-700 dark:bg-zinc-900";
const LABEL = "mb-1 block text-xs font-medium text-zinc-600 dark:text-zinc-400";

const KINDS: [string, string][] = [
  ["", "Any change"],
  ["tags_changed", "Tag changes"],
  ["deploy", "Deployments"],
  ["authorize", "Authorizations"],
  ["refuse", "Refusals"],
  ["rotate", "New tokens"],
  ["grant", "Grants"],
  ["revoke", "Revocations"],
  ["retire", "Retirements"],
];

export function AuditFilterForm({ values }: { values: Record<string, string> }) {
  const field = (name: string, label: string, placeholder: string, type = "text") => (
    <div>
      <label htmlFor={`audit-${name}`} className={LABEL}>
        {label}
      </label>
      <input id={`audit-${name}`} name={name} type={type} defaultValue={values[name] ?? ""} placeholder={placeholder} className={INPUT} />
    </div>
  );
  return (
    <form method="get" action="/audit" aria-label="Filter the audit history" className="grid items-end gap-3 sm:grid-cols-4 lg:grid-cols-8">
      {field("user", "Who", "e.g. anne")}
      {field("tag", "Tag", "e.g. candidate")}
      {field("run", "Run", "e.g. HelloFlow/7")}
      {field("flow", "Flow", "e.g. PredictionFlow")}
      <div>
        <label htmlFor="audit-kind" className={LABEL}>
          What
        </label>
        <select id="audit-kind" name="kind" defaultValue={values.kind ?? ""} className={INPUT}>
          {KINDS.map(([v, l]) => (
            <option key={v} value={v}>
              {l}
            </option>
          ))}
        </select>
      </div>
      {field("since", "From", "", "date")}
      {field("until", "Before", "", "date")}
      <button type="submit" className="rounded-md bg-sky-700 px-4 py-1.5 text-sm font-medium text-white hover:bg-sky-800">
        Filter
      </button>
    </form>
  );
}
