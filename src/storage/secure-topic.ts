import * as iam from 'aws-cdk-lib/aws-iam';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { SECURE_TOPIC_DEFAULTS } from './defaults';
import { refuseStatementForAnyone } from './resource-policy';
import { validateSecureTopicProps } from './topic-props-validation';
import { combineGrants, grantOnKeyExactly, KEY_ACTIONS } from '../core/exact-grants';
import { StackKey } from '../core/stack-key';

/**
 * Properties of a `SecureTopic`: every `sns.TopicProps` prop.
 *
 * `masterKey` defaults to the stack key, `signatureVersion` to '2', and `enforceSSL` is always on.
 */
export interface SecureTopicProps extends sns.TopicProps {}

/**
 * An SNS topic with the secure setup as its default.
 *
 * Differences from `sns.Topic`:
 * - encrypted with the stack key, a customer-managed KMS key (`masterKey`); the AWS managed
 *   key `alias/aws/sns` is refused (CloudWatch alarms, EventBridge and S3 cannot publish to a
 *   topic encrypted with it, and its key policy cannot be changed);
 * - a topic policy that denies publishing without TLS;
 * - messages to HTTP(S) and email endpoints signed with SHA256 (`signatureVersion: '2'`);
 * - topic-policy statements that let anyone in are refused.
 *
 * Grants (`topic.grantPublish(fn)`) name this topic and its key, nothing else, and list exact
 * actions: `sns:Publish`, and `kms:GenerateDataKey` and `kms:Decrypt` on the key (the CDK's
 * `kms:GenerateDataKey*` spelled out).
 */
export class SecureTopic extends sns.Topic {
  constructor(scope: Construct, id: string, props: SecureTopicProps = {}) {
    validateSecureTopicProps(scope, id, props);
    super(scope, id, {
      ...props,
      masterKey: props.masterKey ?? StackKey.of(scope),
      enforceSSL: true,
      signatureVersion: props.signatureVersion ?? SECURE_TOPIC_DEFAULTS.signatureVersion,
    });
  }

  /**
   * Grants `sns:Publish` on the topic, and `kms:GenerateDataKey` and `kms:Decrypt` on its key.
   *
   * @param grantee the principal
   */
  public grantPublish(grantee: iam.IGrantable): iam.Grant {
    const publish = iam.Grant.addToPrincipalOrResource({ grantee, actions: ['sns:Publish'], resourceArns: [this.topicArn], resource: this });
    return combineGrants(publish, this.grantOnKey(grantee, ...KEY_ACTIONS.envelopeWrite).grant);
  }

  /**
   * Grants actions on the topic's key, as `sns.Topic` does for the CDK's grant classes
   * (`topic.grants.publish(role)`), with the CDK's wildcard KMS actions spelled out
   * (`kms:GenerateDataKey*` as `kms:GenerateDataKey`; `kms:ReEncrypt*` dropped).
   *
   * @param grantee the principal
   * @param actions the KMS actions
   */
  public grantOnKey(grantee: iam.IGrantable, ...actions: string[]): iam.GrantOnKeyResult {
    return grantOnKeyExactly(this.masterKey, grantee, actions);
  }

  /**
   * Adds a statement to the topic policy, refusing any that lets anyone in: an `Allow` for any
   * principal needs an `aws:SourceArn`, `aws:SourceAccount`, `aws:PrincipalOrgID` or similar condition.
   */
  public addToResourcePolicy(statement: iam.PolicyStatement): iam.AddToResourcePolicyResult {
    refuseStatementForAnyone(this, statement, 'topic.grantPublish(role)');
    return super.addToResourcePolicy(statement);
  }
}
