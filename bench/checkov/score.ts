/**
 * Scores ServerlessSecurityChecks against checkov's own CloudFormation check tests: for every
 * checkov check that overlaps one of our rules, reads the templates of its test folder and the
 * results its test expects, runs our pack on each template in-process (the CLI's loader and
 * runner, `loadTemplates` and `checkTemplates`), and writes a confusion table to
 * bench/checkov-results.md. A benchmark, not a test: it is not run in CI and nothing of checkov is
 * vendored here.
 *
 *   npx ts-node --project tsconfig.dev.json bench/checkov/score.ts <checkov checkout or git dir> [output.md]
 *
 * The checkout may be a work tree or a bare git directory (its HEAD's `tests/cloudformation` is
 * extracted with `git archive` into a temporary folder).
 *
 * Expected results come from each check's `test_<Name>.py`: the `passing_resources` and
 * `failing_resources` sets (`"AWS::S3::Bucket.LogicalId"`) when the test lists them. A test that
 * asserts only counts is labelled from its template file names (`…PASSED…`, `…fail…`), and the
 * labels are checked against the counts it asserts; a test whose folder holds one template for
 * both results cannot be labelled per resource and is compared by counts only.
 *
 * "Positive" means "the check fails the resource": a TP is a resource checkov's test expects to
 * fail and on which one of the mapped rules reports; an FP one it expects to pass and we report on.
 */
import { execFileSync } from 'child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { basename, join, relative, resolve } from 'path';
import { findTemplates } from '../../src/cli/assembly';
import { checkTemplates, CheckResult, loadTemplates } from '../../src/cli/check';

/** A checkov check whose test we score, and the rules of ours that judge the same thing. */
interface Overlap {
  /** checkov's check id. */
  readonly id: string;
  /** The base of checkov's test file, `test_<test>.py`. */
  readonly test: string;
  /** The resource types checkov's check reads (`supported_resources`). */
  readonly types: readonly string[];
  /** Our rules, by name: a finding of any of them on the resource is "fails". */
  readonly rules: readonly string[];
  /** What differs in intent, when something does. */
  readonly note?: string;
}

const LAMBDA = ['AWS::Lambda::Function', 'AWS::Serverless::Function'];
const IAM_IDENTITY = ['AWS::IAM::Policy', 'AWS::IAM::ManagedPolicy', 'AWS::IAM::Group', 'AWS::IAM::Role', 'AWS::IAM::User'];
const IAM_BROAD = ['IAMActionOnAnyResource', 'IAMPassRoleOnAnyResource', 'IAMPrivilegeEscalation'];

/** checkov check ids (CKV_AWS_*) and the rules of ours they map to. */
const OVERLAPS: readonly Overlap[] = [
  { id: 'CKV_AWS_63', test: 'IAMStarActionPolicyDocument', types: IAM_IDENTITY, rules: ['IAMWildcardAction'] },
  { id: 'CKV_AWS_62', test: 'IAMAdminPolicyDocument', types: IAM_IDENTITY, rules: ['IAMWildcardAction'], note: 'checkov: `*` on `*`; ours: any wildcard action' },
  { id: 'CKV_AWS_109', test: 'IAMPermissionsManagement', types: IAM_IDENTITY, rules: IAM_BROAD },
  { id: 'CKV_AWS_109', test: 'CloudsplainingIAMRole', types: IAM_IDENTITY, rules: IAM_BROAD },
  { id: 'CKV_AWS_109', test: 'CloudsplainingIAMUser', types: IAM_IDENTITY, rules: IAM_BROAD },
  { id: 'CKV_AWS_109', test: 'CloudsplainingIAMGroup', types: IAM_IDENTITY, rules: IAM_BROAD },
  { id: 'CKV_AWS_109', test: 'CloudsplainingManagedPolicy', types: IAM_IDENTITY, rules: IAM_BROAD },
  { id: 'CKV_AWS_111', test: 'IAMWriteAccess', types: IAM_IDENTITY, rules: IAM_BROAD },
  { id: 'CKV_AWS_107', test: 'CloudsplainingIAMCredentialsExposure', types: IAM_IDENTITY, rules: IAM_BROAD },
  { id: 'CKV_AWS_60', test: 'IAMRoleAllowsPublicAssume', types: ['AWS::IAM::Role'], rules: ['IAMRoleTrustsAnyone'] },
  { id: 'CKV_AWS_61', test: 'IAMRoleAllowAssumeFromAccount', types: ['AWS::IAM::Role'], rules: ['IAMRoleTrustsAnyone'] },
  { id: 'CKV_AWS_19', test: 'S3Encryption', types: ['AWS::S3::Bucket'], rules: ['S3KmsEncryption'], note: 'ours asks for SSE-KMS; checkov accepts SSE-S3' },
  { id: 'CKV_AWS_21', test: 'S3Versioning', types: ['AWS::S3::Bucket'], rules: ['S3Versioning'] },
  { id: 'CKV_AWS_53', test: 'S3BlockPublicACLs', types: ['AWS::S3::Bucket'], rules: ['S3PublicAccessBlock'], note: 'ours asks for all four settings' },
  { id: 'CKV_AWS_54', test: 'S3BlockPublicPolicy', types: ['AWS::S3::Bucket'], rules: ['S3PublicAccessBlock'], note: 'ours asks for all four settings' },
  { id: 'CKV_AWS_55', test: 'S3IgnorePublicACLs', types: ['AWS::S3::Bucket'], rules: ['S3PublicAccessBlock'], note: 'ours asks for all four settings' },
  { id: 'CKV_AWS_56', test: 'S3RestrictPublicBuckets', types: ['AWS::S3::Bucket'], rules: ['S3PublicAccessBlock'], note: 'ours asks for all four settings' },
  { id: 'CKV_AWS_173', test: 'LambdaEnvironmentEncryptionSettings', types: LAMBDA, rules: ['LambdaEnvironmentEncryption'] },
  { id: 'CKV_AWS_115', test: 'LambdaFunctionLevelConcurrentExecutionLimit', types: LAMBDA, rules: ['LambdaReservedConcurrency'] },
  { id: 'CKV_AWS_116', test: 'LambdaDLQConfigured', types: LAMBDA, rules: ['LambdaAsyncFailureDestination'], note: 'ours only for functions invoked asynchronously' },
  { id: 'CKV_AWS_45', test: 'LambdaEnvironmentCredentials', types: LAMBDA, rules: ['LambdaEnvironmentSecrets'] },
  { id: 'CKV_AWS_363', test: 'DeprecatedLambdaRuntime', types: LAMBDA, rules: ['LambdaDeprecatedRuntime'] },
  { id: 'CKV_AWS_364', test: 'LambdaServicePermission', types: ['AWS::Lambda::Permission'], rules: ['LambdaServicePermissionWithoutSource'] },
  { id: 'CKV_AWS_258', test: 'LambdaFunctionURLAuth', types: ['AWS::Lambda::Url'], rules: ['LambdaFunctionUrlAuth'] },
  { id: 'CKV_AWS_76', test: 'APIGatewayAccessLogging', types: ['AWS::ApiGateway::Stage', 'AWS::Serverless::Api'], rules: ['RestApiAccessLogging'] },
  { id: 'CKV_AWS_95', test: 'APIGatewayV2AccessLogging', types: ['AWS::ApiGatewayV2::Stage', 'AWS::Serverless::HttpApi'], rules: ['HttpApiAccessLogging'] },
  { id: 'CKV_AWS_59', test: 'APIGatewayAuthorization', types: ['AWS::ApiGateway::Method'], rules: ['RestApiMethodAuthorization'] },
  { id: 'CKV_AWS_27', test: 'SQSQueueEncryption', types: ['AWS::SQS::Queue'], rules: ['SQSEncrypted'] },
  { id: 'CKV_AWS_26', test: 'SNSTopicEncryption', types: ['AWS::SNS::Topic'], rules: ['SNSEncrypted'] },
  { id: 'CKV_AWS_119', test: 'DynamoDBTablesEncrypted', types: ['AWS::DynamoDB::Table'], rules: ['DynamoDBCustomerManagedKey'] },
  { id: 'CKV_AWS_28', test: 'DynamodbRecovery', types: ['AWS::DynamoDB::Table'], rules: ['DynamoDBPointInTimeRecovery'] },
  { id: 'CKV_AWS_165', test: 'DynamodbGlobalTableRecovery', types: ['AWS::DynamoDB::GlobalTable'], rules: ['DynamoDBPointInTimeRecovery'] },
  { id: 'CKV_AWS_7', test: 'KMSRotation', types: ['AWS::KMS::Key'], rules: ['KMSKeyRotation'] },
  { id: 'CKV_AWS_33', test: 'KMSKeyWildCardPrincipal', types: ['AWS::KMS::Key'], rules: ['KMSKeyPolicyGrantsAnyone'] },
  { id: 'CKV_AWS_149', test: 'SecretManagerSecretEncrypted', types: ['AWS::SecretsManager::Secret'], rules: ['SecretCustomerManagedKey'] },
  { id: 'CKV_AWS_158', test: 'CloudWatchLogGroupKMSKey', types: ['AWS::Logs::LogGroup'], rules: ['LogGroupEncryption'] },
  { id: 'CKV_AWS_66', test: 'CloudWatchLogGroupRetention', types: ['AWS::Logs::LogGroup'], rules: ['LogGroupRetention'] },
];

/** checkov checks of the same areas with no rule of ours, listed in the results for completeness. */
const NO_COUNTERPART = [
  'CKV_AWS_120 API Gateway stage caching (`APIGatewayCacheEnable`)',
  'CKV_AWS_73 API Gateway stage X-Ray tracing (`APIGatewayXray`)',
  'CKV_AWS_18 S3 server access logging (`S3AccessLogs`)',
  'CKV_AWS_20 / CKV_AWS_57 S3 public-read / public-write ACLs (`S3PublicACLRead`, `S3PublicACLWrite`): ours blocks public access as a whole',
  'CKV_AWS_117 Lambda in a VPC (`LambdaInVPC`)',
  'CKV_AWS_110 IAM privilege escalation (`IAMPrivilegeEscalation`): checkov has the check but no CloudFormation test to score',
];

/**
 * The classes of disagreement the results show, written from reading the templates behind each
 * FP and FN of the run committed with this script (bridgecrewio/checkov at the commit the results
 * name). Rerun on a newer checkout and reread them when the totals change.
 */
const DISAGREEMENT_CLASSES = [
  '**Wildcards that are not `*` (CKV_AWS_62, CKV_AWS_63, FP).** checkov fails only a statement whose action is `*`; '
  + '`IAMWildcardAction` expands patterns against the IAM catalogue and fails `s3:Get*`-style patterns that reach permissions management '
  + '(`s3:PutObject*` covers `s3:PutObjectAcl`). By design: ours is stricter.',
  '**Read actions on `*` (CKV_AWS_109, CKV_AWS_111, FP).** checkov\'s Cloudsplaining checks fail only permissions-management or write '
  + 'actions on `*`; `IAMActionOnAnyResource` fails any action that could be scoped, `s3:Get*` on `*` included. By design.',
  '**File-name labels on multi-resource files (CKV_AWS_62, CKV_AWS_63, FN).** A test that asserts only counts is labelled from its file '
  + 'names, so every resource of `iam_policy.fail.json` is "expected to fail", its group without policies too. A labelling artefact '
  + '(the "labels from" column says when labels disagree with checkov\'s counts); not a miss of ours.',
  '**Dead-letter queue only when invoked asynchronously (CKV_AWS_116, FN).** checkov fails every function without `DeadLetterConfig`; '
  + '`LambdaAsyncFailureDestination` asks for one (or an on-failure destination) only when something in the template invokes the function '
  + 'asynchronously (S3, SNS, EventBridge…). By design.',
  '**Secret-looking variable names (CKV_AWS_45, FP).** checkov judges the value; `LambdaEnvironmentSecrets` also judges the name, so '
  + '`APP_PRIVATE_KEY_SECRET_NAME: my-secret`, which holds the name of a secret, is flagged. A real false positive of ours: a name that '
  + 'ends in `_SECRET_NAME`/`_ARN` refers to a secret rather than holding one.',
  '**Runtime deprecation data (CKV_AWS_363, FP).** `nodejs18.x` is deprecated in the runtime data we ship (AWS deprecated it in 2025); '
  + 'checkov\'s list at this commit still passes it. Data freshness, not logic.',
  '**OPTIONS methods and API keys (CKV_AWS_59, FP).** checkov passes every `OPTIONS` method and any method with `ApiKeyRequired: true`; '
  + '`RestApiMethodAuthorization` exempts only `MOCK` `OPTIONS` (CORS preflights), and an API key identifies a client without '
  + 'authenticating it. By design.',
  '**SQS-managed encryption (CKV_AWS_27, FN).** checkov fails a queue without `KmsMasterKeyId` (or with `""`); SQS encrypts every new '
  + 'queue with SQS-managed keys unless `SqsManagedSseEnabled: false`, so `SQSEncrypted` passes it (`SQSCustomerManagedKey`, a warning, '
  + 'is the rule that asks for a KMS key and would agree with checkov).',
  '**Unscored: SAM templates.** checkov reads `AWS::Serverless::*` resources directly; the CLI refuses SAM templates and asks for the '
  + 'expanded one, so their resources are listed as unscored, not as misses.',
  '**Unscored: templates CloudFormation would reject.** The CLI loads templates with `CfnInclude`, which refuses property values of the '
  + 'wrong type (`Supplied properties not correct for "CfnRoleProps"`), a missing required property, and `Ref`, `Fn::GetAtt` or `Fn::If` '
  + 'naming something the template does not define; checkov reads any YAML.',
  '**Unscored: one template for every result (S3, CKV_AWS_19/21/53–56).** checkov\'s S3 tests assert counts over one template of six '
  + 'buckets, so no resource can be labelled; compare "checkov P/F" with "ours": versioning agrees (5 failing), public access block '
  + 'fails all six for us (we ask for all four settings, checkov each one), and encryption fails five for us (SSE-S3 or no setting, where '
  + 'checkov counts S3\'s default encryption as encrypted).',
];

type Expected = 'FAILED' | 'PASSED';
type Outcome = 'TP' | 'FP' | 'TN' | 'FN';

/** One resource of a test folder, as our pack sees it. */
interface ScoredResource {
  readonly file: string;
  readonly logicalId: string;
  readonly type: string;
  readonly expected?: Expected;
  readonly flagged?: boolean;
  /** Why the resource could not be scored. */
  readonly unscored?: string;
}

interface CheckScore {
  readonly overlap: Overlap;
  readonly folder: string;
  readonly labels: string;
  readonly counts: { passed?: number; failed?: number };
  readonly resources: readonly ScoredResource[];
}

/** Our run on one template file, or why it could not run. */
type FileRun = { readonly result: CheckResult } | { readonly error: string };

const TEMPLATE_EXTENSIONS = /\.(ya?ml|json|template)$/i;
const TESTS = 'tests/cloudformation/checks/resource/aws';

function main(): void {
  const [given, output = 'bench/checkov-results.md'] = process.argv.slice(2);
  if (given === undefined) {
    throw new Error('usage: score.ts <checkov work tree or git dir> [output.md]');
  }
  const { root, commit, cleanup } = checkovTests(resolve(given));
  try {
    const runs = new Map<string, FileRun>();
    const scores = OVERLAPS.map(overlap => scoreCheck(overlap, root, runs));
    writeFileSync(output, report(scores, commit));
    console.log(`wrote ${output}: ${scores.length} checkov tests, ${runs.size} templates`);
  } finally {
    cleanup();
  }
}

/** The folder of checkov's CloudFormation check tests: in the work tree, or extracted from a git dir. */
function checkovTests(path: string): { root: string; commit: string; cleanup: () => void } {
  const gitDir = existsSync(join(path, TESTS)) ? undefined : existsSync(join(path, 'HEAD')) ? path : undefined;
  if (gitDir === undefined) {
    if (!existsSync(join(path, TESTS))) {
      throw new Error(`${path} is neither a checkov work tree (no ${TESTS}) nor a git directory`);
    }
    return { root: join(path, TESTS), commit: gitCommit(['-C', path]), cleanup: () => undefined };
  }
  const folder = mkdtempSync(join(tmpdir(), 'checkov-tests-'));
  const archive = join(folder, 'tests.tar');
  execFileSync('git', ['--git-dir', gitDir, 'archive', '--output', archive, 'HEAD', TESTS]);
  execFileSync('tar', ['-xf', archive, '-C', folder]);
  return { root: join(folder, TESTS), commit: gitCommit(['--git-dir', gitDir]), cleanup: () => rmSync(folder, { recursive: true, force: true }) };
}

function gitCommit(where: string[]): string {
  try {
    return execFileSync('git', [...where, 'rev-parse', 'HEAD'], { encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
}

function scoreCheck(overlap: Overlap, root: string, runs: Map<string, FileRun>): CheckScore {
  const testFile = join(root, `test_${overlap.test}.py`);
  const source = readFileSync(testFile, 'utf8');
  const folder = testFolder(source, root);
  const listed = listedResources(source);
  // A test that asserts `len(passing_resources)` states its counts through its lists.
  const listSize = (label: Expected) => listed && [...listed.values()].filter(value => value === label).length;
  const counts = {
    passed: summaryCount(source, 'passed') ?? listSize('PASSED'),
    failed: summaryCount(source, 'failed') ?? listSize('FAILED'),
  };
  const files = templateFiles(join(root, folder));
  const resources: ScoredResource[] = [];
  for (const file of files) {
    const run = runs.get(file) ?? runOurs(file);
    runs.set(file, run);
    const display = relative(join(root, folder), file);
    const fileLabel = listed === undefined ? labelFromName(basename(file)) : undefined;
    if ('error' in run) {
      // The resources cannot be read without our loader; count the listed ones as unscored.
      const text = readFileSync(file, 'utf8');
      const ids = listed === undefined ? [] : [...listed.keys()].filter(key => text.includes(key.split('.')[0]) && rawTemplateMentions(text, key));
      resources.push(...ids.map(key => ({ file: display, type: key.split('.')[0], logicalId: key.split('.').slice(1).join('.'), unscored: run.error })));
      if (ids.length === 0) {
        resources.push({ file: display, type: '-', logicalId: '-', unscored: run.error });
      }
      continue;
    }
    const template = run.result.templates[0];
    for (const resource of template.resources.filter(candidate => overlap.types.includes(candidate.type))) {
      const expected = listed === undefined ? fileLabel : listed.get(`${resource.type}.${resource.logicalId}`);
      const flagged = [...run.result.findings, ...run.result.acknowledged].some(checked => checked.resource.logicalId === resource.logicalId
        && overlap.rules.includes(checked.finding.ruleId.replace(/^SecureServerless-/, '').replace(/\[.*\]$/, '')));
      const unscored = expected === undefined
        ? (listed === undefined ? 'no label: the file name says neither pass nor fail' : 'checkov expects no result (not in its lists)')
        : undefined;
      resources.push({ file: display, type: resource.type, logicalId: resource.logicalId, expected, flagged, unscored });
    }
  }
  let labels = listed === undefined ? 'file names' : 'resource lists';
  if (listed === undefined) {
    const inferred = { passed: resources.filter(r => r.expected === 'PASSED').length, failed: resources.filter(r => r.expected === 'FAILED').length };
    const agree = inferred.passed === counts.passed && inferred.failed === counts.failed;
    if (!agree) {
      labels = files.length === 1 ? 'counts only (one template)' : `file names, which disagree with the counts (${inferred.passed}/${inferred.failed})`;
      if (files.length === 1) {
        resources.forEach((resource, index) => {
          resources[index] = { ...resource, expected: undefined, unscored: resource.unscored ?? 'checkov\'s test gives counts only' };
        });
      }
    }
  }
  return { overlap, folder, labels, counts, resources };
}

/** The test folder a checkov test reads: the quoted name after `current_dir` or `Path(__file__).parent`. */
function testFolder(source: string, root: string): string {
  const candidates = [...source.matchAll(/["']\/?([A-Za-z0-9_-]+)["']/g)].map(match => match[1]);
  const folder = candidates.find(name => existsSync(join(root, name)) && statSync(join(root, name)).isDirectory());
  if (folder === undefined) {
    throw new Error(`no test folder found in a checkov test: ${candidates.join(', ')}`);
  }
  return folder;
}

/** `self.assertEqual(summary['passed'], 4)` → 4. */
function summaryCount(source: string, key: 'passed' | 'failed'): number | undefined {
  const match = new RegExp(`summary\\[["']${key}["']\\]\\s*,\\s*(\\d+)`).exec(source);
  return match ? Number(match[1]) : undefined;
}

/** `passing_resources = { "AWS::S3::Bucket.Good", … }` and `failing_resources`, as labels by `Type.LogicalId`. */
function listedResources(source: string): Map<string, Expected> | undefined {
  const lists: [string, Expected][] = [['passing_resources', 'PASSED'], ['failing_resources', 'FAILED']];
  const labels = new Map<string, Expected>();
  const ambiguous = new Set<string>();
  let found = false;
  for (const [name, label] of lists) {
    const match = new RegExp(`${name}\\s*=\\s*(?:set\\()?[{\\[]([^}\\]]*)[}\\]]`).exec(source);
    if (!match) {
      continue;
    }
    found = true;
    for (const item of match[1].matchAll(/["']([^"']+)["']/g)) {
      if (labels.has(item[1]) && labels.get(item[1]) !== label) {
        ambiguous.add(item[1]);
      }
      labels.set(item[1], label);
    }
  }
  ambiguous.forEach(key => labels.delete(key));
  return found ? labels : undefined;
}

/** `…-FAILED.yml`, `iam_role.fail.json` → FAILED; `PASSED-2.yml` → PASSED; `UNKNOWN.yml` → none. */
function labelFromName(name: string): Expected | undefined {
  if (/fail/i.test(name)) {
    return 'FAILED';
  }
  return /pass/i.test(name) ? 'PASSED' : undefined;
}

function templateFiles(folder: string): string[] {
  return readdirSync(folder).sort().flatMap(name => {
    const path = join(folder, name);
    return statSync(path).isDirectory() ? templateFiles(path) : TEMPLATE_EXTENSIONS.test(name) ? [path] : [];
  });
}

function rawTemplateMentions(text: string, key: string): boolean {
  const logicalId = key.split('.').slice(1).join('.');
  return new RegExp(`(^|\\s|")${logicalId.replace(/[^\w]/g, '\\$&')}"?\\s*:`, 'm').test(text);
}

/** Our pack on one template, exactly as `cdk-secure-serverless check <file>` runs it. */
function runOurs(file: string): FileRun {
  const quiet = console.warn;
  try {
    console.warn = () => undefined;
    return { result: checkTemplates(loadTemplates(findTemplates(file, process.cwd())), []) };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const firstLine = message.split('\n')[0].split(file).join(basename(file));
    return { error: /AWS SAM template/.test(message) ? 'SAM template: the CLI asks for the expanded template' : `not loaded: ${firstLine.slice(0, 160)}` };
  } finally {
    console.warn = quiet;
  }
}

function outcome(resource: ScoredResource): Outcome | undefined {
  if (resource.unscored !== undefined || resource.expected === undefined) {
    return undefined;
  }
  if (resource.expected === 'FAILED') {
    return resource.flagged ? 'TP' : 'FN';
  }
  return resource.flagged ? 'FP' : 'TN';
}

function report(scores: readonly CheckScore[], commit: string): string {
  const total: Record<Outcome, number> = { TP: 0, FP: 0, TN: 0, FN: 0 };
  const rows = scores.map(score => {
    const counts: Record<Outcome, number> = { TP: 0, FP: 0, TN: 0, FN: 0 };
    score.resources.forEach(resource => {
      const result = outcome(resource);
      if (result !== undefined) {
        counts[result]++;
        total[result]++;
      }
    });
    const unscored = score.resources.filter(resource => outcome(resource) === undefined).length;
    const ours = score.resources.filter(resource => resource.flagged).length;
    const checkov = `${score.counts.passed ?? '?'}/${score.counts.failed ?? '?'}`;
    return `| ${score.overlap.id} | \`${score.overlap.test}\` | ${score.overlap.rules.map(rule => `\`${rule}\``).join(', ')} | ${score.labels} | ${counts.TP} | ${counts.FP} | ${counts.TN} | ${counts.FN} | ${unscored} | ${checkov} | ${ours} |`;
  });
  const disagreements = scores.flatMap(score => score.resources
    .filter(resource => ['FP', 'FN'].includes(outcome(resource) ?? ''))
    .map(resource => `| ${score.overlap.id} | ${score.folder}/${resource.file} | \`${resource.logicalId}\` (${resource.type}) | ${outcome(resource)} |`));
  const unscoredRows = scores.flatMap(score => score.resources
    .filter(resource => outcome(resource) === undefined)
    .map(resource => `| ${score.overlap.id} | ${score.folder}/${resource.file} | \`${resource.logicalId}\` | ${resource.unscored ?? ''} |`));
  return [
    '# ServerlessSecurityChecks against checkov\'s CloudFormation check tests',
    '',
    `Generated by \`npx ts-node --project tsconfig.dev.json bench/checkov/score.ts <checkov>\` from bridgecrewio/checkov at \`${commit}\`. `
    + 'Each row is one checkov test (`tests/cloudformation/checks/resource/aws/test_<Test>.py`) of a check that overlaps rules of ours; '
    + 'a resource counts as "fails" for us when one of the mapped rules reports on it. Positive = fails: TP = both fail it, FP = only we do, '
    + 'TN = both pass it, FN = only checkov fails it. "checkov P/F" is what its test asserts; "ours" is how many of the folder\'s resources of '
    + 'the check\'s types we fail, scored or not.',
    '',
    '| checkov | test | our rules | labels from | TP | FP | TN | FN | unscored | checkov P/F | ours |',
    '|---|---|---|---|---|---|---|---|---|---|---|',
    ...rows,
    `| **total** | | | | **${total.TP}** | **${total.FP}** | **${total.TN}** | **${total.FN}** | | | |`,
    '',
    'Checks of the same areas that no rule of ours covers, and so are not scored:',
    '',
    ...NO_COUNTERPART.map(line => `- ${line}`),
    '',
    '## Disagreement classes',
    '',
    ...DISAGREEMENT_CLASSES.map(line => `- ${line}`),
    '',
    '## Every disagreement',
    '',
    '| checkov | template | resource | outcome |',
    '|---|---|---|---|',
    ...disagreements,
    '',
    '## Unscored resources',
    '',
    '| checkov | template | resource | why |',
    '|---|---|---|---|',
    ...unscoredRows,
    '',
  ].join('\n');
}

main();
