import { realpathSync } from 'fs';
import { isAbsolute, join, relative } from 'path';
import { inputError } from './cli-error';

/**
 * The real path of a file a manifest names, refused unless it stays inside the assembly
 * directory after following symlinks: a pull request controls `manifest.json`, so an entry
 * like `../../etc/passwd` or a symlink to a file outside must never be read.
 * `entry` names the manifest entry (`artifacts.MyStack.properties.templateFile`) for the error.
 */
export function pathInsideAssembly(root: string, directory: string, value: unknown, entry: string, display: string): string {
  if (typeof value !== 'string' || value.length === 0) {
    throw inputError(`${display}: ${entry} must be a non-empty string, not ${describe(value)}`);
  }
  if (isAbsolute(value) || value.includes('\0')) {
    throw inputError(`${display}: ${entry} '${value}' must be a path relative to the cloud assembly`);
  }
  let real: string;
  try {
    real = realpathSync(join(directory, value));
  } catch {
    throw inputError(`${join(display, '..', value)}: cannot be read (no such file, named by ${entry})`);
  }
  if (!isInside(root, real)) {
    throw inputError(`${display}: ${entry} '${value}' leads outside the cloud assembly directory: refused`);
  }
  return real;
}

/** Whether `file` (a real path) is `root` (a real path) or below it. */
export function isInside(root: string, file: string): boolean {
  const rel = relative(root, file);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

function describe(value: unknown): string {
  if (value === null) {
    return 'null';
  }
  return Array.isArray(value) ? 'an array' : `a ${typeof value}`;
}
