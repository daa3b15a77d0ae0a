import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';

/**
 * Hardens the replication role that `s3.Bucket` creates when `replicationRules` are set and
 * no `replicationRole` is passed:
 * - its permissions move from the role's inline default policy to a customer-managed policy of
 *   that role alone (the compliance packs refuse inline policies, IAMNoInlinePolicy); the
 *   managed policy renders the same policy document, so grants added later land in it too;
 * - its fixed name `CDKReplicationRole` (what the CDK writes unless the app sets the
 *   `@aws-cdk/aws-s3:setUniqueReplicationRoleName` feature flag) is removed, so that two
 *   replicating buckets of one account do not fight over one role name.
 *
 * The policy keeps the object wildcards replication needs (`<bucket ARN>/*`) and the `kms:`
 * wildcard actions of the CDK's replication grant; AwsSolutions-IAM5 reports them, and they
 * are not acknowledged (cdk-nag 3 cannot acknowledge a finding that names a literal ARN).
 */
export function hardenReplicationRole(bucket: s3.Bucket): void {
  const role = bucket.node.tryFindChild('ReplicationRole') as iam.Role | undefined;
  const inline = role?.node.tryFindChild('DefaultPolicy') as iam.Policy | undefined;
  if (role === undefined || inline === undefined) {
    return;
  }
  (role.node.defaultChild as iam.CfnRole).roleName = undefined;
  new iam.ManagedPolicy(role, 'ReplicationPolicy', {
    description: `Replication permissions of the S3 bucket ${bucket.node.path}, and of nothing else`,
    document: inline.document,
    roles: [role],
  });
  inline.node.tryRemoveChild('Resource');
}
