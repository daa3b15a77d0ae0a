import { CfnResource } from 'aws-cdk-lib';
import { asList, refersTo } from '../../../policy/template-json';
import { PolicyStatementJson, statementsOf } from '../../policy-document';
import { rendered, RenderedResource, resourcesOfType } from '../../template-view';

/** The resource types that set a queue's policy: `QueuePolicy` (list of queue URLs) and `QueueInlinePolicy` (one). */
export const QUEUE_POLICY_TYPES: { readonly [type: string]: string } = {
  'AWS::SQS::QueuePolicy': 'Queues',
  'AWS::SQS::QueueInlinePolicy': 'Queue',
};

/**
 * Whether a rendered queue URL names this queue: `{ Ref }` (a queue's `Ref` is its URL) or
 * another intrinsic of its logical id, or a literal URL that ends with its literal `QueueName`.
 */
export function namesQueue(value: unknown, queue: RenderedResource): boolean {
  if (refersTo(value, queue.logicalId)) {
    return true;
  }
  const queueName = queue.properties.QueueName;
  return typeof value === 'string' && typeof queueName === 'string' && value.endsWith(`/${queueName}`);
}

/** The statements of every queue policy of the stack that applies to this queue. */
export function queuePolicyStatements(node: CfnResource): PolicyStatementJson[] {
  const queue = rendered(node);
  return Object.entries(QUEUE_POLICY_TYPES).flatMap(([type, property]) => resourcesOfType(node, type)
    .filter(policy => asList(policy.properties[property] as unknown).some(value => namesQueue(value, queue)))
    .flatMap(policy => statementsOf(policy.properties.PolicyDocument)));
}
