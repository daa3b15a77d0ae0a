import { parse } from 'path';
import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag/lib/nag-rules';
import { reviewPermissions } from '../../code/permission-review';
import { isCdkHelperFunction, rendered } from '../../template-view';

/**
 * A Node.js or Python function whose role grants an action that neither its handler code (as far as the
 * app holds it: inline, or an asset folder) nor Lambda on its behalf ever uses. One finding per
 * action, named by the action as the policy writes it. Not judged when part of the code calls
 * AWS in a way the analysis cannot resolve.
 */
export default Object.defineProperty((node: CfnResource): NagRuleResult => {
  if (node.cfnResourceType !== 'AWS::Lambda::Function' || isCdkHelperFunction(node)) {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  const review = reviewPermissions(rendered(node));
  if (review === undefined || review.unusedNotJudged !== undefined) {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  const unused = [...new Set(review.unused.map(grant => grant.action))];
  return unused.length === 0 ? NagRuleCompliance.COMPLIANT : unused;
}, 'name', { value: parse(__filename).name });
