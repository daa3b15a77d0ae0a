import { execFileSync } from 'child_process';
import { join } from 'path';

const root = join(__dirname, '..', '..');

/** The modules a fresh Node process has loaded after requiring `module` (a path under src/, run through ts-node). */
function modulesLoadedBy(module: string, then = ''): string[] {
  const script = `require(${JSON.stringify(join(root, module))});${then}process.stdout.write(JSON.stringify(Object.keys(require.cache)));`;
  return JSON.parse(execFileSync(process.execPath, ['-r', 'ts-node/register/transpile-only', '-e', script], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, TS_NODE_PROJECT: join(root, 'tsconfig.dev.json'), JSII_SILENCE_WARNING_DEPRECATED_NODE_VERSION: '1' },
  }));
}

function cdkNagPacksIn(modules: string[]): string[] {
  return modules.filter(file => /cdk-nag[\\/]lib[\\/](packs|rules)[\\/]/.test(file)).map(file => file.replace(/.*cdk-nag[\\/]/, ''));
}

describe('what the command line loads', () => {
  test('the CLI and our pack load none of cdk-nag\'s six packs or their rules: a pipeline step that runs our pack alone does not pay for them', () => {
    expect(cdkNagPacksIn(modulesLoadedBy('src/cli/run.ts'))).toEqual([]);
    expect(cdkNagPacksIn(modulesLoadedBy('src/index.ts'))).toEqual([]);
  });

  test('--pack loads the pack it names, and only that one', () => {
    const packs = cdkNagPacksIn(modulesLoadedBy('src/cli/packs.ts', 'require(process.cwd() + "/src/cli/packs.ts").selectPacks(["hipaa"]);'))
      .filter(file => file.startsWith('lib/packs/'));
    expect(packs).toEqual(['lib/packs/hipaa-security.js']);
  });
});
