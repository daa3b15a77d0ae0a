import { CfnResource, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { ownerOf, resourcesOfStack } from './cfn-values';
import { PolicyStatementJson, statementsOf } from '../checks/policy-document';

/** A resource policy of the stack that applies to a bucket, queue or topic. */
export interface ResourcePolicy {
  /** The policy resource (`AWS::S3::BucketPolicy`, `AWS::SQS::QueuePolicy`…). */
  readonly resource: CfnResource;
  /** Its statements, rendered. */
  readonly statements: PolicyStatementJson[];
  /** The document of the L2 policy (`s3.BucketPolicy`, `sqs.QueuePolicy`, `sns.TopicPolicy`) it belongs to, if any. */
  readonly document?: iam.PolicyDocument;
}

/** How to read one type of policy resource: what it applies to, its document, its L2. */
interface PolicyType {
  readonly type: string;
  readonly targets: (policy: CfnResource) => unknown;
  readonly document: (policy: CfnResource) => unknown;
  readonly l2Document: (policy: CfnResource) => iam.PolicyDocument | undefined;
}

const POLICY_TYPES: { [resourceType: string]: PolicyType[] } = {
  [s3.CfnBucket.CFN_RESOURCE_TYPE_NAME]: [{
    type: s3.CfnBucketPolicy.CFN_RESOURCE_TYPE_NAME,
    targets: policy => [(policy as s3.CfnBucketPolicy).bucket],
    document: policy => (policy as s3.CfnBucketPolicy).policyDocument,
    l2Document: policy => ownerOf(policy, s3.BucketPolicy)?.document,
  }],
  [sqs.CfnQueue.CFN_RESOURCE_TYPE_NAME]: [{
    type: sqs.CfnQueuePolicy.CFN_RESOURCE_TYPE_NAME,
    targets: policy => (policy as sqs.CfnQueuePolicy).queues,
    document: policy => (policy as sqs.CfnQueuePolicy).policyDocument,
    l2Document: policy => ownerOf(policy, sqs.QueuePolicy)?.document,
  }, {
    type: sqs.CfnQueueInlinePolicy.CFN_RESOURCE_TYPE_NAME,
    targets: policy => [(policy as sqs.CfnQueueInlinePolicy).queue],
    document: policy => (policy as sqs.CfnQueueInlinePolicy).policyDocument,
    l2Document: () => undefined,
  }],
  [sns.CfnTopic.CFN_RESOURCE_TYPE_NAME]: [{
    type: sns.CfnTopicPolicy.CFN_RESOURCE_TYPE_NAME,
    targets: policy => (policy as sns.CfnTopicPolicy).topics,
    document: policy => (policy as sns.CfnTopicPolicy).policyDocument,
    l2Document: policy => ownerOf(policy, sns.TopicPolicy)?.document,
  }, {
    type: sns.CfnTopicInlinePolicy.CFN_RESOURCE_TYPE_NAME,
    targets: policy => [(policy as sns.CfnTopicInlinePolicy).topicArn],
    document: policy => (policy as sns.CfnTopicInlinePolicy).policyDocument,
    l2Document: () => undefined,
  }],
};

/**
 * The policies of the resource's stack that apply to it: those whose bucket, queues or topics
 * refer to it (`Ref`), or name a bucket by its literal `BucketName`. Policies kept in other
 * stacks or outside CloudFormation cannot be seen.
 */
export function policiesOf(target: CfnResource): ResourcePolicy[] {
  const stack = Stack.of(target);
  const identities = [JSON.stringify(stack.resolve(target.ref))];
  if (target instanceof s3.CfnBucket && typeof target.bucketName === 'string') {
    identities.push(JSON.stringify(target.bucketName));
  }
  return (POLICY_TYPES[target.cfnResourceType] ?? []).flatMap(policyType =>
    resourcesOfStack(target, policyType.type)
      .filter(policy => asList(stack.resolve(policyType.targets(policy)))
        .some(reference => identities.includes(JSON.stringify(reference))))
      .map(policy => ({
        resource: policy,
        statements: statementsOf(renderDocument(stack, policyType.document(policy))),
        document: policyType.l2Document(policy),
      })));
}

/**
 * A policy document as it renders. An `iam.PolicyDocument` is rendered with `toJSON()`, not
 * resolved: resolving it would freeze its statements before the app is done with them.
 */
function renderDocument(stack: Stack, document: unknown): unknown {
  return stack.resolve(document instanceof iam.PolicyDocument ? document.toJSON() : document);
}

function asList(value: unknown): unknown[] {
  if (value === undefined || value === null) {
    return [];
  }
  return Array.isArray(value) ? value : [value];
}
