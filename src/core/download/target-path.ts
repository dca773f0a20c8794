// Turns an untrusted model name into a path that is certain to stay inside the models root.
import { existsSync, realpathSync } from "node:fs";
import path from "node:path";
import { TargetPathError } from "./errors";

const REFUSALS: Array<[test: (name: string) => boolean, reason: string]> = [
  [(name) => name.trim() === "", "it is empty"],
  [(name) => name.includes("\0"), "it contains a NUL character"],
  [(name) => /^[a-zA-Z]:/.test(name), "it starts with a drive letter"],
  [(name) => name.startsWith("/") || name.startsWith("\\") || path.isAbsolute(name), "it is an absolute path"],
  [(name) => name.split(/[\\/]/).some((part) => part === ".."), "it climbs out with '..'"],
];

function isInside(root: string, candidate: string): boolean {
  const relative = path.relative(root, candidate);
  return relative === "" || (!relative.startsWith("..") && !path.isAbsolute(relative));
}

/** The nearest path at or above `target` that exists, resolved through every symlink. */
function realpathOfNearestExisting(target: string): string {
  let current = target;
  while (!existsSync(current)) {
    const parent = path.dirname(current);
    if (parent === current) return current;
    current = parent;
  }
  return path.join(realpathSync(current), path.relative(current, target));
}

/**
 * The absolute path of `relative` inside `modelsRoot`. Throws TargetPathError for `..`, absolute names,
 * drive letters, NUL, or a symlink that leads out of the root.
 */
export function safeTargetPath(modelsRoot: string, relative: string): string {
  const refusal = REFUSALS.find(([test]) => test(relative));
  if (refusal)
    throw new TargetPathError(
      `Refusing the model file name "${relative.replace(/\0/g, "\\0")}": ${refusal[1]}. Model names must stay inside the models folder.`,
    );
  const root = path.resolve(modelsRoot);
  const target = path.resolve(root, relative.replace(/\\/g, "/"));
  if (!isInside(root, target)) throw new TargetPathError(`Refusing "${relative}": it would land outside the models folder ${root}.`);
  const realRoot = existsSync(root) ? realpathSync(root) : root;
  if (!isInside(realRoot, realpathOfNearestExisting(target))) {
    throw new TargetPathError(`Refusing "${relative}": a symlink inside the models folder leads outside it (${root}).`);
  }
  return target;
}

/** Checks that an absolute target the caller built is inside the root; returns it normalised. */
export function assertTargetInsideRoot(modelsRoot: string, targetPath: string): string {
  const relative = path.relative(path.resolve(modelsRoot), path.resolve(targetPath));
  if (relative === "" || path.isAbsolute(relative))
    throw new TargetPathError(`Refusing target ${targetPath}: it is not a file inside the models folder ${modelsRoot}.`);
  return safeTargetPath(modelsRoot, relative);
}
