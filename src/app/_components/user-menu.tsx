"use client";
// Who is signed in, with which role, a link to their account and a way out.
import Link from "next/link";
import { usePathname } from "next/navigation";
import { signOut } from "../auth-client";
import { isPublicPage } from "./nav";
import { useMe } from "./session";
import { secondaryButtonClass } from "./ui";

export function UserMenu() {
  const pathname = usePathname();
  const me = useMe({ enabled: !isPublicPage(pathname) });
  if (isPublicPage(pathname) || !me.data) return null;
  return (
    <div className="flex items-center gap-2 text-sm">
      <Link href="/account" className="hover:underline" data-signed-in={me.data.email}>
        {me.data.email}
      </Link>
      <span className="rounded-full bg-zinc-200 px-2 py-0.5 text-xs font-medium text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300" data-role={me.data.role}>
        {me.data.role}
      </span>
      <button type="button" className={secondaryButtonClass} onClick={() => void signOut()}>
        Sign out
      </button>
    </div>
  );
}
