import { parse } from 'path';
import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag/lib/nag-rules';
import { functionsDesignatedBy } from './function-references';
import { isAnyPrincipal } from '../../policy-document';
import { rendered, resourcesOfType } from '../../template-view';

/**
 * A Lambda permission for any principal (`*`) without `SourceArn`, `SourceAccount` or
 * `PrincipalOrgID`: anyone, in any AWS account, may invoke (or otherwise use) the function.
 *
 * The permissions of a public function URL (`FunctionUrlAuthType` `NONE`, or
 * `InvokedViaFunctionUrl` true, which only lets callers through the URL) are left to
 * `LambdaFunctionUrlAuth`, so that one public URL is one finding; but only when the stack really
 * has that URL: an `AWS::Lambda::Url` whose `TargetFunctionArn` designates the permission's
 * function (a `Ref` or `Fn::GetAtt` of it, of one of its aliases or versions, or the same literal
 * name or ARN) and whose `AuthType` is not `AWS_IAM`, which `LambdaFunctionUrlAuth` reports.
 * Without such a URL nothing else reports the grant, and it is reported here: the condition is no
 * authentication, and a URL created later (or outside the stack) opens the function at once. A
 * `*` permission for a URL with `AWS_IAM` auth is reported too: it lets every authenticated
 * principal of every account in. A principal that is an intrinsic is not judged.
 */
export default Object.defineProperty((node: CfnResource): NagRuleResult => {
  if (node.cfnResourceType !== 'AWS::Lambda::Permission') {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  const properties = rendered(node).properties;
  if (!isAnyPrincipal(properties.Principal)) {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  const throughUrl = properties.FunctionUrlAuthType === 'NONE'
    || properties.InvokedViaFunctionUrl === true || properties.InvokedViaFunctionUrl === 'true';
  if (throughUrl && hasReportedUrl(node, properties.FunctionName)) {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  const scoped = [properties.SourceArn, properties.SourceAccount, properties.PrincipalOrgID].some(value => value !== undefined && value !== '');
  return scoped ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NON_COMPLIANT;
}, 'name', { value: parse(__filename).name });

/**
 * Whether the stack has a function URL that `LambdaFunctionUrlAuth` reports (`AuthType` other
 * than `AWS_IAM`) for the function the permission names.
 */
function hasReportedUrl(node: CfnResource, functionName: unknown): boolean {
  const permitted = functionsDesignatedBy(node, functionName).map(fn => fn.logicalId);
  return resourcesOfType(node, 'AWS::Lambda::Url')
    .filter(url => url.properties.AuthType !== 'AWS_IAM')
    .some(url => sameValue(url.properties.TargetFunctionArn, functionName)
      || functionsDesignatedBy(node, url.properties.TargetFunctionArn).some(fn => permitted.includes(fn.logicalId)));
}

/** Whether two rendered values are the same literal or the same expression (an imported function, both ways). */
function sameValue(a: unknown, b: unknown): boolean {
  return a !== undefined && JSON.stringify(a) === JSON.stringify(b);
}
