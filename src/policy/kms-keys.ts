/**
 * KMS key references as a neutral policy model: which key ids name an AWS managed key. Imports
 * no construct, so both the constructs' prop validation and the rules read it.
 *
 * AWS managed keys (`aws/secretsmanager`, `aws/sqs`, `aws/dynamodb`…) are only ever named by
 * alias, and services accept the alias with or without its `alias/` prefix, or as an alias ARN.
 * Only `alias/aws/<service>` is one: `alias/aws-team-key` is a customer's alias.
 */
import { possibleStrings, TemplateContext } from './intrinsics';

/** An AWS managed key's alias name, with or without `alias/`: `alias/aws/sqs`, `aws/secretsmanager`. */
const AWS_MANAGED_ALIAS_NAME = /^(alias\/)?aws\/[^/\s]+$/;

/** An AWS managed key's alias ARN, `arn:aws:kms:eu-west-1:111111111111:alias/aws/secretsmanager`. */
const AWS_MANAGED_ALIAS_ARN = /^arn:[^:\s]*:kms:[^:\s]*:[^:\s]*:alias\/aws\/[^/\s]+$/;

/** Whether a literal key id names an AWS managed key: by alias name, with or without `alias/`, or by alias ARN. */
export function isAwsManagedKeyId(keyId: string): boolean {
  const trimmed = keyId.trim();
  return AWS_MANAGED_ALIAS_NAME.test(trimmed) || AWS_MANAGED_ALIAS_ARN.test(trimmed);
}

/**
 * Whether a key id as a rendered template holds it may name an AWS managed key: some string it
 * may take (`possibleStrings`) is one, or its known text proves it whatever the deployment
 * decides, e.g. `arn:${AWS::Partition}:kms:${AWS::Region}:${AWS::AccountId}:alias/aws/sqs`
 * or `alias/aws/${Service}`. A key id only the deployment decides (`Fn::GetAtt` of a key, an
 * import, a parameter without a Default) is taken as a customer's key.
 */
export function mayBeAwsManagedKey(keyId: unknown, context?: TemplateContext): boolean {
  return possibleStrings(keyId, context).some(candidate => {
    if (candidate.complete) {
      return isAwsManagedKeyId(candidate.text);
    }
    const [first] = candidate.segments;
    const startsAsAlias = typeof first === 'string' && /^(alias\/)?aws\/$/.test(first) && candidate.segments.length === 2;
    const last = candidate.segments[candidate.segments.length - 1];
    const endsAsAliasArn = typeof last === 'string' && /:alias\/aws\/[^/:\s]+$/.test(last) && /^arn:/.test(candidate.text);
    return startsAsAlias || endsAsAliasArn;
  });
}
