// The dashboard shell: header with navigation, theme toggle and the demo label.
import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { serverEnv } from "../server/env";
import { Nav } from "./_components/nav";
import { ThemeToggle } from "./_components/theme-toggle";
import { UserMenu } from "./_components/user-menu";
import { Providers } from "./trpc";
import "./globals.css";

export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: "ComfyFixer",
  description: "Find, download and verify the models your ComfyUI workflows need.",
};

// Applies the saved theme before first paint so the page does not flash.
const themeScript = `try{if(localStorage.getItem("comfyfixer-theme")==="light"){document.documentElement.classList.replace("dark","light")}}catch(e){}`;

export default function RootLayout({ children }: { children: ReactNode }) {
  const { demo } = serverEnv();
  return (
    <html lang="en" className="dark" suppressHydrationWarning>
      <head>
        <script dangerouslySetInnerHTML={{ __html: themeScript }} />
      </head>
      <body className="min-h-screen bg-white font-sans text-zinc-900 antialiased dark:bg-zinc-950 dark:text-zinc-100">
        <Providers>
          <header className="border-b border-zinc-200 bg-zinc-50/80 dark:border-zinc-800 dark:bg-zinc-900/60">
            <div className="mx-auto flex max-w-7xl items-center gap-6 px-6 py-3">
              <Link href="/" className="text-base font-semibold tracking-tight">
                Comfy<span className="text-sky-500">Fixer</span>
              </Link>
              <Nav />
              <div className="ml-auto flex items-center gap-3">
                {demo && (
                  <span
                    className="rounded-full bg-amber-400/15 px-3 py-1 text-xs font-semibold text-amber-600 ring-1 ring-amber-500/40 dark:text-amber-300"
                    title="This instance talks to the built-in upstream simulator, not to Civitai or Hugging Face."
                  >
                    Demo — simulated upstreams, signed in as the demo admin
                  </span>
                )}
                <UserMenu />
                <ThemeToggle />
              </div>
            </div>
          </header>
          <main className="mx-auto max-w-7xl px-6 py-8">{children}</main>
        </Providers>
      </body>
    </html>
  );
}
