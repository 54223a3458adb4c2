import type { ParameterView } from "@/lib/data/run-explain-read";

export function ParametersPanel({ parameters }: { parameters: ParameterView[] }) {
  return (
    <section aria-labelledby="parameters-heading" className="space-y-2 rounded-lg border border-zinc-200 p-4 dark:border-zinc-800">
      <h2 id="parameters-heading" className="text-lg font-semibold">
        Parameters
      </h2>
      {parameters.length ? (
        <dl className="grid gap-x-6 gap-y-1.5 text-sm sm:grid-cols-[max-content_1fr]" aria-label="Parameters">
          {parameters.map((p) => (
            <div key={p.name} className="contents">
              <dt className="font-mono text-zinc-600 dark:text-zinc-400">
                {p.name}
                {p.type ? <span className="text-zinc-500 dark:text-zinc-400"> ({p.type})</span> : null}
              </dt>
              <dd className="font-mono break-all">{p.value ?? <span className="font-sans text-zinc-500">{p.reason}</span>}</dd>
            </div>
          ))}
        </dl>
      ) : (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">This run has no parameters.</p>
      )}
    </section>
  );
}
