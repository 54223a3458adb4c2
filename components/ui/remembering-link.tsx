"use client";
// A link into another namespace that also remembers it as the person's
// choice (setNamespacePreferenceAction) before navigating. Without
// JavaScript, or with a modified click (new tab), it is a plain link.
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTransition, type MouseEvent, type ReactNode } from "react";
import { setNamespacePreferenceAction } from "@/lib/actions/namespace-actions";

export function RememberingLink({
  href,
  namespace,
  className,
  children,
  ...rest
}: {
  href: string;
  namespace: string;
  className?: string;
  children: ReactNode;
  "aria-label"?: string;
}) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();

  function onClick(e: MouseEvent<HTMLAnchorElement>) {
    if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    startTransition(async () => {
      // Remembering is a convenience: the URL carries the namespace either way.
      await setNamespacePreferenceAction({ namespace }).catch(() => undefined);
      router.push(href);
    });
  }

  return (
    <Link href={href} onClick={onClick} aria-busy={pending || undefined} className={className} {...rest}>
      {children}
    </Link>
  );
}
