import { parse } from 'path';
import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag/lib/nag-rules';
import { grantsAnyone, statementsOf } from '../../policy-document';
import { rendered } from '../../template-view';

/**
 * A bucket policy with an `Allow` statement for any principal (`*`, `{ AWS: '*' }`) or for
 * everyone but a `NotPrincipal`, without a condition that scopes it to an account,
 * organization, source or network (`aws:PrincipalOrgID`, `aws:SourceArn`, `aws:SourceVpce`…).
 *
 * Not reported: `Deny` statements for `*` (the TLS-only statement of `enforceSSL`), and
 * service principals (CloudFront origin access control's `cloudfront.amazonaws.com` with
 * `AWS:SourceArn`, S3 log delivery), which are not "any principal". A policy document that is
 * an intrinsic cannot be read and is not judged.
 */
export default Object.defineProperty((node: CfnResource): NagRuleResult => {
  if (node.cfnResourceType !== 'AWS::S3::BucketPolicy') {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  const statements = statementsOf(rendered(node).properties.PolicyDocument);
  return statements.some(grantsAnyone) ? NagRuleCompliance.NON_COMPLIANT : NagRuleCompliance.COMPLIANT;
}, 'name', { value: parse(__filename).name });
