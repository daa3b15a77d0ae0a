import { CfnResource } from 'aws-cdk-lib';
import { asList, refersTo } from '../../../policy/template-json';
import { PolicyStatementJson, statementsOf } from '../../policy-document';
import { rendered, RenderedResource, resourcesOfType } from '../../template-view';

/** The resource types that set a topic's policy: `TopicPolicy` (list of topic ARNs) and `TopicInlinePolicy` (one). */
export const TOPIC_POLICY_TYPES: { readonly [type: string]: string } = {
  'AWS::SNS::TopicPolicy': 'Topics',
  'AWS::SNS::TopicInlinePolicy': 'TopicArn',
};

/**
 * Whether a rendered topic ARN names this topic: `{ Ref }` (a topic's `Ref` is its ARN) or
 * another intrinsic of its logical id, or a literal ARN that ends with its literal `TopicName`.
 */
export function namesTopic(value: unknown, topic: RenderedResource): boolean {
  if (refersTo(value, topic.logicalId)) {
    return true;
  }
  const topicName = topic.properties.TopicName;
  return typeof value === 'string' && typeof topicName === 'string' && value.endsWith(`:${topicName}`);
}

/** The statements of every topic policy of the stack that applies to this topic. */
export function topicPolicyStatements(node: CfnResource): PolicyStatementJson[] {
  const topic = rendered(node);
  return Object.entries(TOPIC_POLICY_TYPES).flatMap(([type, property]) => resourcesOfType(node, type)
    .filter(policy => asList(policy.properties[property] as unknown).some(value => namesTopic(value, topic)))
    .flatMap(policy => statementsOf(policy.properties.PolicyDocument)));
}
