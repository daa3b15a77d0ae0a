import { accessSync, chmodSync, constants, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { delimiter, join } from 'path';

/**
 * Jest's global setup: makes the CDK's local esbuild bundling cheap without changing it.
 *
 * In a project with an npm lock file, aws-cdk-lib's NodejsFunction runs its bundler as
 * `npx --no-install esbuild …` in the project root. Each of those starts npm (about 0.35 s of CPU)
 * only to find `node_modules/.bin/esbuild`, and the suites bundle a few hundred times
 * (every SecureNodejsFunction variant of the construct suites), which cost more CPU than the
 * bundling itself (esbuild takes milliseconds for the fixture).
 *
 * This puts a stand-in `npx` first on the PATH that the test workers inherit: for
 * `npx --no-install <bin>` run where `node_modules/.bin/<bin>` exists it runs that very binary with
 * the same arguments, which is what npm would run; anything else goes to the real npx. esbuild,
 * its arguments and its output are the CDK's own, so the bundles and templates are unchanged.
 */
export default function globalSetup(): void {
  const realNpx = findOnPath('npx');
  if (process.platform === 'win32' || realNpx === undefined) {
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'cdk-secure-serverless-npx-'));
  const shim = join(dir, 'npx');
  writeFileSync(shim, [
    '#!/bin/sh',
    'if [ "$1" = "--no-install" ] && [ -x "node_modules/.bin/$2" ]; then',
    '  bin="$2"; shift 2; exec "node_modules/.bin/$bin" "$@"',
    'fi',
    `exec '${realNpx.replace(/'/g, "'\\''")}' "$@"`,
    '',
  ].join('\n'));
  chmodSync(shim, 0o755);
  process.env.PATH = `${dir}${delimiter}${process.env.PATH ?? ''}`;
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
}

/** The first executable of that name on the PATH, or undefined. */
function findOnPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter).filter(entry => entry !== '')) {
    const candidate = join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here: keep looking
    }
  }
  return undefined;
}
