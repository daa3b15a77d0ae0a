import { parse } from 'path';
import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag/lib/nag-rules';
import { designatesFunction } from './function-references';
import { isAsyncInvoker } from '../../../policy/async-invokers';
import { isCdkHelperFunction, rendered, RenderedResource, resourcesOfType, textOf } from '../../template-view';

/**
 * A Lambda function that is invoked asynchronously, with nowhere for the events that fail
 * every retry to go: neither `DeadLetterConfig.TargetArn` nor an `AWS::Lambda::EventInvokeConfig`
 * with `DestinationConfig.OnFailure`. Lambda then drops those events.
 *
 * Evidence of asynchronous invocation, in the same stack: a permission for the function whose
 * principal is a service that invokes asynchronously (`isAsyncInvoker`), an EventBridge
 * Scheduler schedule that targets it, or an `EventInvokeConfig` for it. The secure functions
 * create their dead-letter queue on the same evidence (`src/function/async-invocation.ts`). A function without such evidence (behind an API, say) is not
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
    const principal = textOf(permission.properties.Principal);
    return principal !== undefined
      && isAsyncInvoker(principal)
      && designatesFunction(permission.properties.FunctionName, fn);
  });
}

function isScheduled(fn: RenderedResource): boolean {
  return resourcesOfType(fn.node, 'AWS::Scheduler::Schedule')
    .some(schedule => designatesFunction(schedule.properties.Target?.Arn, fn));
}
