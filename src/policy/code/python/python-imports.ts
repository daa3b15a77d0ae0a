import { SourceReader } from '../source-reader';

/**
 * The local file a Python import names, as Lambda's Python runtime finds it: an absolute import
 * (`import helpers`, `from app.db import table`) from the code's root, which is on `sys.path`; a
 * relative one (`from .db import table`, `from .. import util`) from the importing file's package,
 * `level` dots up. A module is `name.py` or a package's `name/__init__.py`. `undefined` when the
 * code holds no such file (a library from the runtime or a layer, or a path above the root).
 */
export function resolvePythonImport(reader: SourceReader, fromFile: string, dotted: string, level: number): string | undefined {
  let folder: string[] = [];
  if (level > 0) {
    folder = fromFile.split('/').slice(0, -1);
    for (let up = 1; up < level; up++) {
      if (folder.length === 0) {
        return undefined;
      }
      folder.pop();
    }
  }
  const path = [...folder, ...dotted.split('.').filter(part => part !== '')].join('/');
  const candidates = path === '' ? ['__init__.py'] : [`${path}.py`, `${path}/__init__.py`];
  return candidates.find(candidate => reader.read(candidate) !== undefined);
}
