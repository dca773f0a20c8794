"use client";
// The header's navigation, marking the current page; pages a role may not use are left out. Nothing shows on the
// pages people use before they have a session.
import Link from "next/link";
import { usePathname } from "next/navigation";
import type { Permission } from "../../core/roles";
import { useMe } from "./session";

const LINKS: ReadonlyArray<{ href: string; label: string; needs: Permission }> = [
  { href: "/", label: "Runs", needs: "read" },
  { href: "/inventory", label: "Inventory", needs: "read" },
  { href: "/settings", label: "Settings", needs: "read" },
  { href: "/users", label: "Users", needs: "users.manage" },
  { href: "/audit", label: "Audit", needs: "audit.read" },
];

/** Pages for people without a session: sign-in and the account links. */
export const isPublicPage = (pathname: string) => ["/sign-in", "/setup", "/invite"].includes(pathname);

export function Nav() {
  const pathname = usePathname();
  const me = useMe({ enabled: !isPublicPage(pathname) });
  if (isPublicPage(pathname) || !me.data) return null;
  const permissions = me.data.permissions;
  const isCurrent = (href: string) => (href === "/" ? pathname === "/" || pathname.startsWith("/runs") : pathname.startsWith(href));
  return (
    <nav aria-label="Main" className="flex gap-1">
      {LINKS.filter((link) => permissions.includes(link.needs)).map((link) => (
        <Link
          key={link.href}
          href={link.href}
          aria-current={isCurrent(link.href) ? "page" : undefined}
          className="rounded-md px-3 py-1.5 text-sm font-medium text-zinc-600 hover:bg-zinc-100 hover:text-zinc-900 focus-visible:outline focus-visible:outline-2 focus-visible:outline-sky-500 aria-[current=page]:bg-zinc-200 aria-[current=page]:text-zinc-900 dark:text-zinc-300 dark:hover:bg-zinc-800 dark:hover:text-white dark:aria-[current=page]:bg-zinc-800 dark:aria-[current=page]:text-white"
        >
          {link.label}
        </Link>
      ))}
    </nav>
  );
}
