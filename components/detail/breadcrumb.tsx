import Link from "next/link";
import { runHref, withNamespace } from "@/components/ui/links";
import { stepHref } from "./api";

export function DetailBreadcrumb({ flow, run, step, task, namespace }: { flow: string; run: string; step: string; task?: string; namespace: string }) {
  const link = "font-mono hover:underline";
  return (
    <nav aria-label="Breadcrumb" className="text-sm text-zinc-600 dark:text-zinc-400">
      <ol className="flex flex-wrap items-center gap-1.5">
        <li>
          <Link href={withNamespace("/flows", namespace)} className="hover:underline">
            Flows
          </Link>
        </li>
        <li aria-hidden="true">/</li>
        <li>
          <Link href={`${withNamespace("/", namespace)}&flow=${encodeURIComponent(flow)}`} className={link}>
            {flow}
          </Link>
        </li>
        <li aria-hidden="true">/</li>
        <li>
          <Link href={runHref(flow, run, namespace)} className={link}>
            {run}
          </Link>
        </li>
        <li aria-hidden="true">/</li>
        {task ? (
          <>
            <li>
              <Link href={stepHref(flow, run, step, namespace)} className={link}>
                {step}
              </Link>
            </li>
            <li aria-hidden="true">/</li>
            <li aria-current="page" className="font-mono text-zinc-900 dark:text-zinc-100">
              {task}
            </li>
          </>
        ) : (
          <li aria-current="page" className="font-mono text-zinc-900 dark:text-zinc-100">
            {step}
          </li>
        )}
      </ol>
    </nav>
  );
}
