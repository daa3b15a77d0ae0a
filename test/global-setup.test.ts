import { spawnSync } from 'child_process';
import { readFileSync } from 'fs';
import { join } from 'path';

const ROOT = join(__dirname, '..');

/**
 * The stand-in `npx` of test/global-setup.ts: the workers find it first on their PATH, it runs the
 * project's own binary for `npx --no-install <bin>` as npm would, and it leaves the rest to npm.
 */
describe('the npx stand-in of the test setup', () => {
  test('is the npx the test workers run', () => {
    const found = spawnSync('sh', ['-c', 'command -v npx'], { encoding: 'utf8' });

    expect(found.stdout.trim()).toMatch(/cdk-secure-serverless-npx-[^/]+\/npx$/);
  });

  test('runs the project\'s esbuild for `npx --no-install esbuild`, with its arguments', () => {
    const result = spawnSync('npx', ['--no-install', 'esbuild', '--version'], { cwd: ROOT, encoding: 'utf8' });

    expect(result.status).toBe(0);
    expect(result.stdout.trim()).toBe(JSON.parse(readFileSync(require.resolve('esbuild/package.json'), 'utf8')).version);
  });

  test('hands any other command to the real npx', () => {
    const result = spawnSync('npx', ['--version'], { cwd: ROOT, encoding: 'utf8' });
    const npm = spawnSync('npm', ['--version'], { cwd: ROOT, encoding: 'utf8' });

    expect(result.status).toBe(0);
    expect(result.stdout.trim()).toBe(npm.stdout.trim());
  });
});
