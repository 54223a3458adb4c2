import Link from "next/link";

export default function NotFound() {
  return (
    <section className="mx-auto max-w-xl py-16 text-center">
      <h1 className="text-2xl font-semibold">Page not found</h1>
      <p className="mt-3 text-zinc-600 dark:text-zinc-400">There is nothing at this address. The link may be mistyped, or the object may have another name.</p>
      <p className="mt-6">
        <Link href="/" className="font-medium text-sky-700 underline hover:no-underline dark:text-sky-400">
          Back to runs
        </Link>
      </p>
    </section>
  );
}
