import { parse } from 'path';
import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { isAnyPrincipal } from '../../policy-document';
import { rendered } from '../../template-view';

/**
 * A Lambda permission for any principal (`*`) without `SourceArn`, `SourceAccount` or
 * `PrincipalOrgID`: anyone, in any AWS account, may invoke (or otherwise use) the function.
 *
 * The permissions of a public function URL (`FunctionUrlAuthType` `NONE`, or
 * `InvokedViaFunctionUrl` true, which only lets callers through the URL) are left to
 * `LambdaFunctionUrlAuth`, so that one public URL is one finding. A `*` permission for a URL
 * with `AWS_IAM` auth is reported: it lets every authenticated principal of every account in.
 * A principal that is an intrinsic is not judged.
 */
export default Object.defineProperty((node: CfnResource): NagRuleResult => {
  if (node.cfnResourceType !== 'AWS::Lambda::Permission') {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  const properties = rendered(node).properties;
  if (!isAnyPrincipal(properties.Principal)) {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  if (properties.FunctionUrlAuthType === 'NONE' || properties.InvokedViaFunctionUrl === true || properties.InvokedViaFunctionUrl === 'true') {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  const scoped = [properties.SourceArn, properties.SourceAccount, properties.PrincipalOrgID].some(value => value !== undefined && value !== '');
  return scoped ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NON_COMPLIANT;
}, 'name', { value: parse(__filename).name });
