import Link from "next/link";

const CHOOSE_NAMESPACE = { href: "/namespaces", label: "Choose a namespace" };

/** A person's mistake in the address (a bad namespace, a bad pathspec): say what, offer a way on. */
export function PageProblem({ title, message, next = CHOOSE_NAMESPACE }: { title: string; message: string; next?: { href: string; label: string } }) {
  return (
    <section role="alert" className="mx-auto max-w-2xl rounded-lg border border-amber-300 bg-amber-50 p-6 dark:border-amber-700/60 dark:bg-amber-950/30">
      <h1 className="text-lg font-semibold">{title}</h1>
      <p className="mt-2 text-sm text-zinc-700 dark:text-zinc-300">{message}</p>
      <p className="mt-4 text-sm">
        <Link href={next.href} className="font-medium text-sky-700 underline hover:no-underline dark:text-sky-300">
          {next.label}
        </Link>
      </p>
    </section>
  );
}
