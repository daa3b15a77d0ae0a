/**
 * Where the handler's files come from: an inline `ZipFile`, an asset folder, the entry of a
 * bundled function. The analysis reads only through this, so the file system (and its
 * confinement to one folder) stays out of the policy model.
 */
export interface SourceReader {
  /** The text of the file at this path relative to the code's root, or `undefined` when there is none. */
  read(relativePath: string): string | undefined;
}

/** A reader over files held in memory (inline code, tests). */
export function inMemorySources(files: { readonly [relativePath: string]: string }): SourceReader {
  return { read: path => Object.prototype.hasOwnProperty.call(files, path) ? files[path] : undefined };
}

const EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.mjs', '.cjs', '.jsx'];

/**
 * The file a relative import names, from the importing file, as Node and TypeScript resolve it:
 * the exact path, the path with an extension, a folder's `index`, and `./x.js` written for `x.ts`.
 */
export function resolveLocalImport(reader: SourceReader, fromFile: string, specifier: string): string | undefined {
  const base = joinRelative(dirnameOf(fromFile), specifier);
  if (base === undefined) {
    return undefined;
  }
  const stem = base.replace(/\.(js|mjs|cjs|jsx)$/, '');
  const candidates = [
    base,
    ...EXTENSIONS.map(extension => `${base}${extension}`),
    ...EXTENSIONS.map(extension => `${stem}${extension}`),
    ...EXTENSIONS.map(extension => `${base}/index${extension}`),
  ];
  return candidates.find(candidate => reader.read(candidate) !== undefined);
}

function dirnameOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? '' : path.slice(0, slash);
}

/** Joins a relative specifier to a folder; `undefined` when it climbs above the code's root. */
function joinRelative(folder: string, specifier: string): string | undefined {
  const parts = folder === '' ? [] : folder.split('/');
  for (const part of specifier.split('/')) {
    if (part === '' || part === '.') {
      continue;
    }
    if (part === '..') {
      if (parts.length === 0) {
        return undefined;
      }
      parts.pop();
    } else {
      parts.push(part);
    }
  }
  return parts.join('/');
}
