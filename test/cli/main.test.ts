import { spawnSync } from 'child_process';
import { existsSync, readFileSync } from 'fs';
import { join } from 'path';
import { FIXTURES } from './helpers';

const ROOT = join(__dirname, '..', '..');

describe('the cdk-secure-serverless entry point', () => {
  test('starts with a node shebang, as npm bin entries need', () => {
    expect(readFileSync(join(ROOT, 'src', 'cli', 'main.ts'), 'utf8').split('\n')[0]).toBe('#!/usr/bin/env node');
  });

  test('runs as a process: JSON on stdout and exit code 1 on errors', () => {
    // The compiled entry when lib/ is built and current, else the TypeScript source through ts-node.
    const compiled = join(ROOT, 'lib', 'cli', 'main.js');
    const command = existsSync(compiled) && readFileSync(compiled, 'utf8').startsWith('#!/usr/bin/env node')
      ? [compiled]
      : [require.resolve('ts-node/dist/bin.js'), '--project', join(ROOT, 'tsconfig.dev.json'), '--transpile-only', join(ROOT, 'src', 'cli', 'main.ts')];
    const result = spawnSync(process.execPath, [...command, 'check', join(FIXTURES, 'insecure.yaml'), '--format', 'json'], { cwd: ROOT, encoding: 'utf8', timeout: 120000 });

    expect(result.status).toBe(1);
    expect(JSON.parse(result.stdout).summary.errors).toBe(3);
  }, 120000);
});
