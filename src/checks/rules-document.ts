import { NagMessageLevel } from 'cdk-nag/lib/nag-rules';
import { RuleGroup } from './rules';
import { ruleId } from './security-rule';

/** Markdown table cells cannot hold a bare `|` or a line break. */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');
}

/**
 * Renders RULES.md from the rules' own data, so that the document cannot drift from the pack.
 */
export function renderRulesDocument(groups: readonly RuleGroup[]): string {
  const count = groups.reduce((sum, group) => sum + group.rules.length, 0);
  const lines = [
    '# ServerlessSecurityChecks rules',
    '',
    '<!-- Generated from the rule data in src/checks/rules/*/index.ts by `npx projen rules-doc`. Do not edit. -->',
    '',
    `${count} rules. Rule ids are \`SecureServerless-<Name>\`. **error** fails \`cdk synth\` (and the CLI); **warning** is`,
    'reported and fails only with `failOn: FailOn.WARNING`. Acknowledge a finding on the exact resource with',
    '`Validations.of(resource).acknowledge({ id, reason })`; rules that report several findings on one resource',
    'give each its own id, such as `SecureServerless-LambdaEnvironmentSecrets[DB_PASSWORD]`. A rule is applied only to',
    'the resource types it "applies to" (it may read others of the stack, such as a function\'s role and policies).',
    '',
  ];
  for (const group of groups) {
    lines.push(`## ${group.service}`, '', '| id | applies to | risk | severity | what | why | fix |', '|---|---|---|---|---|---|---|');
    for (const rule of group.rules) {
      const severity = rule.level === NagMessageLevel.ERROR ? 'error' : 'warning';
      const types = rule.resourceTypes.map(type => `\`${type}\``).join(', ');
      lines.push(`| \`${ruleId(rule)}\` | ${types} | ${rule.risk} | ${severity} | ${cell(rule.what)} | ${cell(rule.why)} | ${cell(rule.fix)} |`);
    }
    lines.push('');
  }
  lines.push(...CHECKOV_DISAGREEMENTS);
  return lines.join('\n');
}

/**
 * Where the pack deliberately disagrees with checkov's CloudFormation check tests, which
 * `bench/checkov/score.ts` scores it against (the confusion table is bench/checkov-results.md).
 */
const CHECKOV_DISAGREEMENTS = [
  '## Deliberate disagreements with checkov',
  '',
  'Scored against checkov\'s public CloudFormation check tests by `bench/checkov/score.ts` (results and every',
  'disagreement in [bench/checkov-results.md](bench/checkov-results.md)). Where we disagree on purpose:',
  '',
  '- **Wildcards that are not `*`** (CKV_AWS_62, CKV_AWS_63): checkov fails only `Action: *`; `IAMWildcardAction` expands patterns against the IAM catalogue and also fails patterns that span a service, reach permissions management or mix reads and writes.',
  '- **Read actions on `*`** (CKV_AWS_109, CKV_AWS_111): checkov fails only permissions-management or write actions on `*`; `IAMActionOnAnyResource` fails any action that could name its resource.',
  '- **Dead-letter queues** (CKV_AWS_116): checkov asks every function for one; `LambdaAsyncFailureDestination` asks only functions that something invokes asynchronously.',
  '- **OPTIONS methods and API keys** (CKV_AWS_59): checkov passes every `OPTIONS` method and any method with an API key; we exempt only `MOCK` `OPTIONS` methods (CORS preflight), and an API key identifies a client without authenticating it.',
  '- **SQS-managed encryption** (CKV_AWS_27): checkov fails a queue without `KmsMasterKeyId`; SQS encrypts new queues with SQS-managed keys, so `SQSEncrypted` passes it and `SQSCustomerManagedKey` (a warning) asks for a KMS key.',
  '- **S3 public access block** (CKV_AWS_53 to 56): checkov judges each of the four settings; `S3PublicAccessBlock` asks for all four.',
  '- **SAM templates** are not read: the CLI asks for the transformed template.',
  '',
];
