"use client";
// Switches between the dark (default) and light themes, remembered in localStorage.
import { useSyncExternalStore } from "react";

function subscribe(onChange: () => void) {
  const observer = new MutationObserver(onChange);
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ["class"] });
  return () => observer.disconnect();
}
const isLight = () => document.documentElement.classList.contains("light");

export function ThemeToggle() {
  const light = useSyncExternalStore(subscribe, isLight, () => false);
  function toggle() {
    const next = !light;
    document.documentElement.classList.toggle("light", next);
    document.documentElement.classList.toggle("dark", !next);
    localStorage.setItem("comfyfixer-theme", next ? "light" : "dark");
  }
  return (
    <button
      type="button"
      onClick={toggle}
      className="rounded-md border border-zinc-300 px-2 py-1 text-xs text-zinc-600 hover:bg-zinc-100 focus-visible:outline focus-visible:outline-2 focus-visible:outline-sky-500 dark:border-zinc-700 dark:text-zinc-300 dark:hover:bg-zinc-800"
      aria-label={light ? "Switch to dark theme" : "Switch to light theme"}
    >
      {light ? "Dark" : "Light"}
    </button>
  );
}
