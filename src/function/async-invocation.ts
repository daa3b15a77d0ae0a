import { CfnResource, Reference, Stack, Token, Tokenization } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { IConstruct } from 'constructs';
import { textOfValue } from '../aspects/cfn-values';
import { namesFunction } from '../checks/rules/lambda/function-references';
import { isAsyncInvoker } from '../policy/async-invokers';

/**
 * Whether the app shows that the function is invoked asynchronously, with no on-failure
 * destination of its own: then the events that fail every retry need a dead-letter queue, or
 * Lambda drops them. The evidence is the one the pack's LambdaAsyncFailureDestination reads, in
 * the function's stack:
 * - a permission (`addPermission`, `addEventSource`, a bucket notification, a topic
 *   subscription, a rule target, or a `lambda.CfnPermission`) for a service that invokes
 *   asynchronously (`isAsyncInvoker`), on the function or one of its aliases or versions;
 * - an EventBridge Scheduler schedule that targets it;
 * - an `EventInvokeConfig` for it (`configureAsyncInvoke`) without an on-failure destination.
 *
 * Synchronous invokers (API Gateway, function URLs, load balancers) and event-source mappings
 * (SQS, Kinesis, DynamoDB streams: Lambda polls and invokes synchronously) are no evidence.
 *
 * Called at synth (an aspect), when the app is complete, so that sources added after the
 * function count. It compares tokens and resolves only principals and on-failure destinations,
 * never a function.
 */
export function needsDeadLetterQueue(fn: lambda.Function): boolean {
  const stack = Stack.of(fn);
  // One walk of the stack serves both: the designator's aliases and versions, and the resources read here.
  const constructs = stack.node.findAll();
  const resources = constructs
    .filter((construct): construct is CfnResource => CfnResource.isCfnResource(construct) && Stack.of(construct) === stack);
  const designates = designator(fn, constructs);
  let invoked = false;
  for (const resource of resources) {
    switch (resource.cfnResourceType) {
      case 'AWS::Lambda::Permission': {
        const permission = resource as lambda.CfnPermission;
        const principal = textOfValue(stack, permission.principal);
        invoked ||= principal !== undefined && isAsyncInvoker(principal) && designates(permission.functionName);
        break;
      }
      case 'AWS::Scheduler::Schedule': {
        // The target's own fields: resolving its ARN could render a whole version (see designator).
        const target = (resource as unknown as { target?: unknown }).target as { arn?: unknown } | undefined;
        invoked ||= target !== undefined && designates(target.arn);
        break;
      }
      case 'AWS::Lambda::EventInvokeConfig': {
        const config = resource as lambda.CfnEventInvokeConfig;
        if (designates(config.functionName)) {
          // An L1 property resolves with the L1's own (camelCase) names.
          const destinations = stack.resolve(config.destinationConfig) as { onFailure?: { destination?: unknown } } | undefined;
          if (destinations?.onFailure?.destination !== undefined) {
            // Failed events go to that destination: a queue would only be a second copy.
            return false;
          }
          invoked = true;
        }
        break;
      }
      default:
        break;
    }
  }
  return invoked;
}

/**
 * Whether a value names the function: the same token as its ARN or name or those of its aliases
 * and versions (what `addPermission` and the L2s pass), a string that embeds a reference to one
 * of their resources (`cfnFunction.attrArn`, `${fn.functionArn}:live`), or its literal name or
 * ARN. Nothing is resolved: resolving a version's reference would compute the hash of a whole
 * function, and freeze its cached lazy values, before the app is complete. A reference the
 * comparison cannot see (an `Fn::Join` written by hand) leaves the function without a queue, and
 * the pack, which reads the rendered template, reports it.
 */
function designator(fn: lambda.Function, constructs: readonly IConstruct[]): (value: unknown) => boolean {
  const qualified = constructs.filter((construct): construct is IConstruct & lambda.IFunction =>
    (construct as { lambda?: unknown }).lambda === fn && typeof (construct as { functionArn?: unknown }).functionArn === 'string');
  const tokens = new Set<string>([fn.functionArn, fn.functionName, ...qualified.flatMap(q => [q.functionArn, q.functionName])]);
  const cfnFunction = fn.node.defaultChild as lambda.CfnFunction;
  const resources = new Set<IConstruct>([cfnFunction, ...qualified.flatMap(q => q.node.defaultChild ?? [])]);
  const name = cfnFunction.functionName !== undefined && !Token.isUnresolved(cfnFunction.functionName) ? cfnFunction.functionName : undefined;
  return value => {
    if (typeof value !== 'string') {
      return false;
    }
    if (tokens.has(value)) {
      return true;
    }
    if (Token.isUnresolved(value)) {
      return Tokenization.reverseString(value).tokens.some(token => Reference.isReference(token) && resources.has(token.target));
    }
    return name !== undefined && namesFunction(value, name);
  };
}
