import { readFileSync } from 'fs';
import { join } from 'path';

const root = join(__dirname, '..', '..');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

describe('supply chain', () => {
  test('ships one runtime dependency, bundled (babel\'s parser, for the handler-code analysis); users bring aws-cdk-lib, constructs and cdk-nag as peers', () => {
    expect(Object.keys(manifest.dependencies ?? {})).toEqual(['@babel/parser']);
    expect(manifest.bundledDependencies ?? manifest.bundleDependencies).toEqual(['@babel/parser']);
    expect(Object.keys(manifest.peerDependencies).sort()).toEqual(['aws-cdk-lib', 'cdk-nag', 'constructs']);
  });

  test('requires aws-cdk-lib 2.258.0 or later, the first that hands validation plugins the construct tree', () => {
    expect(manifest.peerDependencies['aws-cdk-lib']).toBe('^2.258.0');
    expect(manifest.peerDependencies['cdk-nag']).toMatch(/^\^3\./);
  });

  test('commits a lockfile that pins every package it installs', () => {
    const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8'));

    expect(lock.lockfileVersion).toBeGreaterThanOrEqual(2);
    const unpinned = Object.entries(lock.packages as { [path: string]: { version?: string; link?: boolean } })
      .filter(([path, entry]) => path !== '' && !entry.link && entry.version === undefined);
    expect(unpinned).toEqual([]);
  });

  test('publishes the command line as a bin', () => {
    expect(manifest.bin).toEqual({ 'cdk-secure-serverless': 'lib/cli/main.js' });
  });
});
