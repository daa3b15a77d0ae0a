/**
 * Checks the npm package that `package:js` built (dist/js/*.tgz): what it must hold, what it must
 * never hold (tests, sources, examples, CI files, secrets, source map files), and that its inline
 * source maps name no absolute path of the machine that built it. `.ci/run` runs it.
 */
import { execFileSync } from 'child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

const REQUIRED = ['package/package.json', 'package/README.md', 'package/LICENSE', 'package/.jsii', 'package/lib/index.js', 'package/lib/index.d.ts', 'package/lib/cli/main.js', 'package/lib/policy/iam/catalogue-data.jsonl'];
const FORBIDDEN: ReadonlyArray<[RegExp, string]> = [
  [/^package\/(src|test|examples|bench|scripts|\.ci|\.projen|coverage|test-reports|node_modules)\//, 'a development folder'],
  [/\.map$/, 'a source map file'],
  [/(^|\/)\.env(\.|$)|\.pem$|\.key$|(^|\/)\.npmrc$/, 'a file that may hold secrets'],
  [/(?<!\.d)\.ts$/, 'TypeScript source'],
  [/(^|\/)tsconfig[^/]*\.json$/, 'a TypeScript configuration'],
];

const distDir = join(__dirname, '..', 'dist', 'js');
const tarball = readdirSync(distDir).find(file => file.endsWith('.tgz'));
if (!tarball) {
  throw new Error(`no package in ${distDir}: run the package:js task first`);
}
const entries = execFileSync('tar', ['-tzf', join(distDir, tarball)], { encoding: 'utf8' }).split('\n').filter(entry => entry.length > 0);

/**
 * The bundled runtime dependency (babel's parser, for the handler-code analysis) and what it
 * depends on, all MIT: jsii libraries must bundle what they run. Nothing else may sit in node_modules.
 */
const BUNDLED = ['@babel/parser', '@babel/types', '@babel/helper-string-parser', '@babel/helper-validator-identifier'];
const isBundled = (entry: string) => BUNDLED.some(name => entry.startsWith(`package/node_modules/${name}/`));

const problems: string[] = [];
for (const required of REQUIRED.filter(file => !entries.includes(file))) {
  problems.push(`missing ${required}`);
}
for (const entry of entries.filter(file => file.startsWith('package/node_modules/') && !isBundled(file))) {
  problems.push(`${entry} is in node_modules but not one of the bundled dependencies (${BUNDLED.join(', ')})`);
}
for (const entry of entries.filter(file => !file.startsWith('package/node_modules/'))) {
  const forbidden = FORBIDDEN.find(([pattern]) => pattern.test(entry));
  if (forbidden) {
    problems.push(`${entry} is ${forbidden[1]}`);
  }
}

const unpacked = mkdtempSync(join(tmpdir(), 'package-contents-'));
execFileSync('tar', ['-xzf', join(distDir, tarball), '-C', unpacked]);
for (const entry of entries.filter(file => file.endsWith('.js') && !file.startsWith('package/node_modules/'))) {
  const inline = /sourceMappingURL=data:application\/json;base64,([A-Za-z0-9+/=]+)/.exec(readFileSync(join(unpacked, entry), 'utf8'));
  if (!inline) {
    continue;
  }
  const sources: string[] = JSON.parse(Buffer.from(inline[1], 'base64').toString('utf8')).sources ?? [];
  for (const source of sources.filter(path => path.startsWith('/') || /^[A-Za-z]:[\\/]/.test(path))) {
    problems.push(`${entry} has a source map naming the absolute path ${source}`);
  }
}

if (problems.length > 0) {
  process.stderr.write(`package contents: ${tarball} is not fit to publish:\n${problems.map(problem => `  - ${problem}`).join('\n')}\n`);
  process.exit(1);
}
process.stdout.write(`package contents: ${tarball} holds ${entries.length} files, none of them tests, sources, examples or secrets.\n`);
