import type { Metadata } from "next";
import { headers } from "next/headers";
import Link from "next/link";
import { Suspense, type ReactNode } from "react";
import { CommandPalette } from "@/components/shell/command-palette";
import { Providers } from "@/components/providers";
import { KeyboardShortcuts } from "@/components/shell/keyboard-shortcuts";
import { GoToPathspec } from "@/components/shell/go-to-pathspec";
import { NavLinks } from "@/components/shell/nav-links";
import { themeScript } from "@/components/shell/theme";
import { ThemeToggle } from "@/components/shell/theme-toggle";
import { CurrentUser } from "@/components/shell/current-user";
import { NamespaceSlot } from "@/components/namespace/namespace-slot";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Flowdeck", template: "%s · Flowdeck" },
  description: "Workflow runs, organized by namespace and tag.",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // proxy.ts puts a fresh nonce in the CSP of every page; our one inline script needs it too.
  const nonce = (await headers()).get("x-nonce") ?? undefined;
  return (
    // The inline script may add the "dark" class before React hydrates.
    <html lang="en" suppressHydrationWarning>
      <head>
        <script nonce={nonce} dangerouslySetInnerHTML={{ __html: themeScript }} />
      </head>
      <body className="min-h-screen font-sans">
        <Providers>
          <KeyboardShortcuts />
          <Suspense fallback={null}>
            <CommandPalette />
          </Suspense>
          <a
            href="#main"
            className="sr-only rounded-md bg-sky-700 px-3 py-2 text-sm font-medium text-white focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:z-50"
          >
            Skip to content
          </a>
          <header className="border-b border-zinc-200 dark:border-zinc-800">
            <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3">
              <Link href="/" className="text-lg font-semibold tracking-tight">
                Flowdeck
              </Link>
              <div id="namespace-slot" className="min-w-0">
                <NamespaceSlot />
              </div>
              <GoToPathspec />
              <nav aria-label="Main" className="ml-auto">
                <NavLinks />
              </nav>
              {/* Kept together: opening "Switch user" must not push the theme toggle onto a line of its own. */}
              <div className="flex items-center gap-3">
                <CurrentUser />
                <ThemeToggle />
              </div>
            </div>
          </header>
          <main id="main" tabIndex={-1} className="mx-auto max-w-7xl px-4 py-6 focus:outline-none">
            {children}
          </main>
        </Providers>
      </body>
    </html>
  );
}
