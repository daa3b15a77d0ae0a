import { parse } from 'path';
import { CfnResource, Stack, Token } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag/lib/nag-rules';
import { asList } from '../../../policy/template-json';
import { rendered, textOf } from '../../template-view';

/**
 * A Lambda function (`AWS::Lambda::Function`) uses a layer published by another AWS account: a
 * layer ARN `arn:<partition>:lambda:<region>:<account>:layer:<name>[:<version>]`, literal or
 * written with `Fn::Join`/`Fn::Sub` around `AWS::Partition` and `AWS::Region`, whose account is
 * a literal 12-digit id other than the stack's own. The layer's code runs inside the function
 * with its role's permissions, and its publisher can publish new versions or stop sharing it:
 * a supply-chain dependency on an account you do not control. AWS's own layers (Powertools for
 * AWS Lambda, account 017000801446; the Parameters and Secrets extension) are findings too, to be
 * acknowledged once reviewed.
 *
 * Not findings: layers the template creates (`Ref` or `Fn::GetAtt` of an
 * `AWS::Lambda::LayerVersion`), ARNs in the stack's own account (`{ Ref: 'AWS::AccountId' }`,
 * `${AWS::AccountId}`, or the stack's literal account), and ARNs the rule cannot read: a
 * parameter, an import, an `Fn::FindInMap` (the CDK's spelling of a Region-specific AWS layer in
 * an environment-agnostic stack).
 *
 * One finding per layer, named by its ARN as the template writes it.
 */
export default Object.defineProperty((node: CfnResource): NagRuleResult => {
  if (node.cfnResourceType !== 'AWS::Lambda::Function') {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  const stackAccount = Stack.of(node).account;
  const ownAccount = Token.isUnresolved(stackAccount) ? undefined : stackAccount;
  const findings = asList(rendered(node).properties.Layers as unknown[]).flatMap(layer => {
    const arn = textOf(layer)?.trim();
    const account = arn === undefined ? undefined : publisherOf(arn);
    return arn !== undefined && account !== undefined && account !== ownAccount ? [arn] : [];
  });
  return findings.length > 0 ? [...new Set(findings)] : NagRuleCompliance.COMPLIANT;
}, 'name', { value: parse(__filename).name });

/**
 * The literal account id of a layer version ARN, or undefined when the text is no layer ARN or
 * its account is not a literal (`${AWS::AccountId}`, a parameter). References are replaced
 * before the ARN is split, as `${AWS::Region}` has colons of its own.
 */
function publisherOf(arn: string): string | undefined {
  const segments = arn.replace(/\$\{[^}]*\}/g, '<reference>').split(':');
  if (segments.length < 7 || segments[0] !== 'arn' || segments[2] !== 'lambda' || segments[5] !== 'layer') {
    return undefined;
  }
  return /^\d{12}$/.test(segments[4]) ? segments[4] : undefined;
}
