import { parse } from 'path';
import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag/lib/nag-rules';
import { reviewPermissions } from '../../code/permission-review';
import { isCdkHelperFunction, rendered } from '../../template-view';

/**
 * A Node.js or Python function whose handler code calls an AWS API that its role does not allow (on the
 * resource the call names, when an environment variable says which): the call fails with
 * AccessDenied at run time. One finding per action. Not judged when the role has managed
 * policies whose content the template does not show.
 */
export default Object.defineProperty((node: CfnResource): NagRuleResult => {
  if (node.cfnResourceType !== 'AWS::Lambda::Function' || isCdkHelperFunction(node)) {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  const review = reviewPermissions(rendered(node));
  if (review === undefined || review.missingNotJudged !== undefined) {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  const missing = [...new Set(review.missing.map(grant => grant.action))];
  return missing.length === 0 ? NagRuleCompliance.COMPLIANT : missing;
}, 'name', { value: parse(__filename).name });
