import type { CardView } from "@/lib/data/task-detail-read";
import { taskApi } from "./api";

type Spec = { flow: string; run: string; step: string; task: string };

/**
 * Metaflow cards in sandboxed iframes: their scripts run (cards need them),
 * but without same-origin access, so a card cannot read Flowdeck or act as you.
 */
export function CardsPanel({ spec, namespace, cards, reason }: { spec: Spec; namespace: string; cards: CardView[]; reason: string | null }) {
  return (
    <section aria-labelledby="cards-heading" className="space-y-3">
      <h2 id="cards-heading" className="text-lg font-semibold">
        Cards <span className="text-sm font-normal text-zinc-500">({cards.length})</span>
      </h2>
      {!cards.length ? <p className="text-sm text-zinc-600 dark:text-zinc-400">{reason ?? "This task has no cards."}</p> : null}
      {cards.map((c) => {
        const src = taskApi(spec, `/cards/${encodeURIComponent(c.id)}`, namespace);
        return (
          <figure key={c.id} className="space-y-1">
            <figcaption className="flex flex-wrap items-center gap-3 text-sm">
              <span className="font-mono">
                {c.type}
                {c.cardId ? ` · ${c.cardId}` : ""}
              </span>
              <a href={src} target="_blank" rel="noopener" className="text-sky-700 underline hover:no-underline dark:text-sky-300">
                Open alone
              </a>
            </figcaption>
            <iframe
              title={`Card ${c.type}${c.cardId ? ` ${c.cardId}` : ""}`}
              src={src}
              sandbox="allow-scripts"
              referrerPolicy="no-referrer"
              className="h-[32rem] w-full rounded-lg border border-zinc-200 bg-white dark:border-zinc-800"
            />
          </figure>
        );
      })}
    </section>
  );
}
