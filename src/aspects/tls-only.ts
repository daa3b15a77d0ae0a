import { CfnResource, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { isWithin, ownerOf } from './cfn-values';
import { Hardening, listInWords, reportChange, reportNotDone } from './report';
import { policiesOf } from './resource-policies';
import { deniesInsecureTransport, PolicyStatementJson, resourcesOf } from '../checks/policy-document';

/** The L2 of a bucket, queue or topic: what `addToResourcePolicy` is called on. */
interface PolicyOwner extends Construct {
  addToResourcePolicy(statement: iam.PolicyStatement): iam.AddToResourcePolicyResult;
}

/** What the TLS-only statement of one kind of resource denies, and how to build it. */
interface TlsOnlyKind {
  /** The resource, in words. */
  readonly noun: string;
  /** Its L2 and the L2's name, in words. */
  readonly l2: abstract new (...args: any[]) => PolicyOwner;
  readonly l2Name: string;
  /** The actions the statement denies; an existing statement must deny these, or every action. */
  readonly actions: string[];
  readonly resources: (owner: PolicyOwner) => string[];
  /**
   * The resources an existing statement must cover (or `*`), each given as the ways a template
   * can refer to it. A queue or topic policy can apply to several queues or topics, so a deny
   * for another one does not count.
   */
  readonly coveredResources: (resource: CfnResource) => string[][];
}

const TLS_ONLY_KINDS: { [resourceType: string]: TlsOnlyKind } = {
  [s3.CfnBucket.CFN_RESOURCE_TYPE_NAME]: {
    noun: 'bucket',
    l2: s3.Bucket,
    l2Name: 's3.Bucket',
    actions: ['s3:*'],
    resources: owner => [(owner as s3.Bucket).bucketArn, (owner as s3.Bucket).arnForObjects('*')],
    coveredResources: resource => [[(resource as s3.CfnBucket).attrArn], [`${(resource as s3.CfnBucket).attrArn}/*`]],
  },
  [sqs.CfnQueue.CFN_RESOURCE_TYPE_NAME]: {
    noun: 'queue',
    l2: sqs.Queue,
    l2Name: 'sqs.Queue',
    actions: ['sqs:*'],
    resources: owner => [(owner as sqs.Queue).queueArn],
    coveredResources: resource => [[(resource as sqs.CfnQueue).attrArn]],
  },
  [sns.CfnTopic.CFN_RESOURCE_TYPE_NAME]: {
    noun: 'topic',
    l2: sns.Topic,
    l2Name: 'sns.Topic',
    // What the CDK's `enforceSSL` denies on a topic.
    actions: ['sns:Publish'],
    resources: owner => [(owner as sns.Topic).topicArn],
    coveredResources: resource => [[(resource as sns.CfnTopic).ref, (resource as sns.CfnTopic).attrTopicArn]],
  },
};

/**
 * Adds, to the resource policy of a bucket, queue or topic, the statement that refuses every
 * request that does not use TLS, as the CDK's `enforceSSL: true` writes it; unless a policy of
 * the stack that applies to the resource already denies the same or more.
 *
 * The statement goes through the L2 (`s3.Bucket`, `sqs.Queue`, `sns.Topic`):
 * `addToResourcePolicy` creates the resource policy if there is none. When the resource's
 * policy is a separate L2 policy (`new s3.BucketPolicy(...)`), the statement goes in that
 * one, because a resource takes a single policy and a second one would replace the first.
 * A resource without an L2, or whose policy SecureDefaults cannot add to (an L1 policy,
 * several policies), is left as it is, with a warning.
 */
export function requireTls(resource: CfnResource): void {
  const kind = TLS_ONLY_KINDS[resource.cfnResourceType];
  if (!kind) {
    return;
  }
  const policies = policiesOf(resource);
  const applies = appliesTo(resource, kind);
  if (policies.some(policy => deniesInsecureTransport(policy.statements.filter(applies), kind.actions))) {
    return;
  }
  const fix = `add to its ${kind.noun} policy a statement that denies ${kind.actions.join(', ')} to * when aws:SecureTransport `
    + `is false (${kind.l2Name}'s enforceSSL: true writes it).`;
  const owner = ownerOf(resource, kind.l2);
  if (!owner) {
    reportNotDone(resource, Hardening.TLS_ONLY, `could not require TLS: the ${kind.noun} has no ${kind.l2Name} around it, and `
      + `SecureDefaults adds to ${kind.noun} policies only through the L2, which knows the policy it already has.`, fix);
    return;
  }
  const statement = new iam.PolicyStatement({
    effect: iam.Effect.DENY,
    principals: [new iam.AnyPrincipal()],
    actions: kind.actions,
    resources: kind.resources(owner),
    conditions: { Bool: { 'aws:SecureTransport': 'false' } },
  });
  const others = policies.filter(policy => !isWithin(policy.resource, owner));
  let policyPath: string | undefined;
  if (others.length === 0) {
    const result = owner.addToResourcePolicy(statement);
    policyPath = result.statementAdded ? pathOf(result.policyDependable) ?? `the policy of ${owner.node.path}` : undefined;
  } else if (others.length === 1 && policies.length === 1 && others[0].document) {
    others[0].document.addStatements(statement);
    policyPath = others[0].resource.node.scope!.node.path;
  }
  if (policyPath === undefined) {
    const where = others.length > 0 ? `its policy is set by ${listInWords(policies.map(policy => policy.resource.node.path))}, `
      + 'which SecureDefaults cannot add to (an L1 policy, or more than one policy for one resource)' : `${kind.l2Name} did not add the statement`;
    reportNotDone(resource, Hardening.TLS_ONLY, `could not require TLS: ${where}.`, fix);
    return;
  }
  reportChange(resource, `added to ${policyPath} a statement that denies ${kind.actions.join(', ')} to anyone who does not `
    + 'use TLS (aws:SecureTransport false).');
}

/** Whether a statement applies to every resource the TLS-only statement must cover: by `*`, or by name. */
function appliesTo(resource: CfnResource, kind: TlsOnlyKind): (statement: PolicyStatementJson) => boolean {
  const stack = Stack.of(resource);
  const asText = (value: unknown) => typeof value === 'string' ? value : JSON.stringify(value);
  const required = kind.coveredResources(resource).map(ways => ways.map(way => asText(stack.resolve(way))));
  return statement => {
    const named = resourcesOf(statement);
    return named.includes('*') || required.every(ways => named.some(name => ways.includes(name)));
  };
}

function pathOf(dependable: unknown): string | undefined {
  return Construct.isConstruct(dependable) ? dependable.node.path : undefined;
}
