import { parse } from 'path';
import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { designatesFunction } from './function-references';
import { isCdkHelperFunction, rendered, RenderedResource, resourcesOfType, textOf } from '../../template-view';

/**
 * The service principals that invoke a function asynchronously: Amazon S3 notifications,
 * Amazon SNS, Amazon EventBridge rules, CloudWatch Logs subscriptions (also in their older
 * regional form), AWS IoT rules, Amazon SES receipt rules, CloudWatch alarm actions,
 * AWS CodeCommit triggers and AWS Config custom rules.
 *
 * Left out, because they invoke synchronously and see the error themselves: API Gateway,
 * Elastic Load Balancing, Cognito user-pool triggers, Lex, Secrets Manager rotation, and
 * CloudFormation custom resources. EventBridge Scheduler invokes asynchronously but with a
 * role, not a permission: its evidence is the schedule's target (see below).
 */
const ASYNC_INVOKERS = [
  /^s3\.amazonaws\.com$/,
  /^sns\.amazonaws\.com$/,
  /^events\.amazonaws\.com$/,
  /^logs(\.[a-z0-9-]+)?\.amazonaws\.com$/,
  /^iot\.amazonaws\.com$/,
  /^ses\.amazonaws\.com$/,
  /^lambda\.alarms\.cloudwatch\.amazonaws\.com$/,
  /^codecommit\.amazonaws\.com$/,
  /^config\.amazonaws\.com$/,
];

/**
 * A Lambda function that is invoked asynchronously, with nowhere for the events that fail
 * every retry to go: neither `DeadLetterConfig.TargetArn` nor an `AWS::Lambda::EventInvokeConfig`
 * with `DestinationConfig.OnFailure`. Lambda then drops those events.
 *
 * Evidence of asynchronous invocation, in the same stack: a permission for the function whose
 * principal is one of `ASYNC_INVOKERS`, an EventBridge Scheduler schedule that targets it, or an
 * `EventInvokeConfig` for it. A function without such evidence (behind an API, say) is not
 * applicable; neither are the CDK's own helper functions.
 */
export default Object.defineProperty((node: CfnResource): NagRuleResult => {
  if (node.cfnResourceType !== 'AWS::Lambda::Function' || isCdkHelperFunction(node)) {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  const fn = rendered(node);
  const invokeConfigs = resourcesOfType(node, 'AWS::Lambda::EventInvokeConfig')
    .filter(config => designatesFunction(config.properties.FunctionName, fn));
  if (invokeConfigs.length === 0 && !isInvokedByAsyncService(fn) && !isScheduled(fn)) {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  const deadLetterTarget = fn.properties.DeadLetterConfig?.TargetArn;
  const onFailure = invokeConfigs.some(config => config.properties.DestinationConfig?.OnFailure?.Destination !== undefined);
  return (deadLetterTarget !== undefined && deadLetterTarget !== '') || onFailure ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NON_COMPLIANT;
}, 'name', { value: parse(__filename).name });

function isInvokedByAsyncService(fn: RenderedResource): boolean {
  return resourcesOfType(fn.node, 'AWS::Lambda::Permission').some(permission => {
    const principal = textOf(permission.properties.Principal)?.replace(/\$\{[^}]+\}/g, 'region');
    return principal !== undefined
      && ASYNC_INVOKERS.some(invoker => invoker.test(principal))
      && designatesFunction(permission.properties.FunctionName, fn);
  });
}

function isScheduled(fn: RenderedResource): boolean {
  return resourcesOfType(fn.node, 'AWS::Scheduler::Schedule')
    .some(schedule => designatesFunction(schedule.properties.Target?.Arn, fn));
}
