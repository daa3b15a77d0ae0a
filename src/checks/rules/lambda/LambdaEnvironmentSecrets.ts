import { parse } from 'path';
import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag/lib/nag-rules';
import { suspectSecretInTemplate } from '../../../policy/secret-detection';
import { rendered, templateContextOf } from '../../template-view';

/** A CloudFormation dynamic reference that resolves to a secret's value at deploy time. */
const SECRET_DYNAMIC_REFERENCE = '{{resolve:secretsmanager:';

/**
 * Environment variables whose name or literal value looks like a secret (see `suspectSecret`),
 * or whose value is a Secrets Manager dynamic reference (`{{resolve:secretsmanager:…}}`, what
 * `SecretValue.unsafeUnwrap()` renders): CloudFormation writes the secret itself into the
 * variable, in plaintext.
 *
 * One finding per variable, named by the variable (never by its value), so that
 * `SecureServerless-LambdaEnvironmentSecrets[DB_PASSWORD]` can be acknowledged on its own.
 * A value built with intrinsics is judged by every string it may take (`suspectSecretInTemplate`):
 * a password split across a `Fn::Join` of literals, a parameter's Default, or a dynamic reference
 * assembled with `Fn::Join` or `Fn::Sub` is found; a piece only the deployment decides (`Ref` of a
 * resource, `Fn::GetAtt`, a parameter without a Default) is a reference, not a secret written in
 * the template. Applies to the CDK's own helper functions too.
 */
export default Object.defineProperty((node: CfnResource): NagRuleResult => {
  if (node.cfnResourceType !== 'AWS::Lambda::Function') {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  const variables = rendered(node).properties.Environment?.Variables;
  if (variables === null || typeof variables !== 'object' || Object.keys(variables).length === 0) {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  const context = templateContextOf(node);
  const suspects = Object.entries(variables as { [name: string]: unknown })
    .filter(([name, value]) => resolvesSecret(value) || suspectSecretInTemplate(name, value, context) !== undefined)
    .map(([name]) => name);
  return suspects.length > 0 ? suspects : NagRuleCompliance.COMPLIANT;
}, 'name', { value: parse(__filename).name });

function resolvesSecret(value: unknown): boolean {
  return JSON.stringify(value ?? null).includes(SECRET_DYNAMIC_REFERENCE);
}
