import { NagMessageLevel } from 'cdk-nag/lib/nag-rules';
import { QUEUE_POLICY_TYPES } from './queue-references';
import SQSCustomerManagedKey from './SQSCustomerManagedKey';
import SQSEncrypted from './SQSEncrypted';
import SQSPolicyGrantsAnyone from './SQSPolicyGrantsAnyone';
import SQSTlsOnly from './SQSTlsOnly';
import { RiskCategory } from '../../risk-category';
import { SecurityRule } from '../../security-rule';

/**
 * The rules of the pack for Amazon SQS queues and queue policies.
 *
 * There is deliberately no rule asking a queue for a dead-letter queue of its own: a
 * dead-letter queue is the end of the line for failed messages, and the rule would flag every
 * one of them.
 */
export const SQS_RULES: SecurityRule[] = [
  {
    check: SQSEncrypted,
    resourceTypes: ['AWS::SQS::Queue'],
    risk: RiskCategory.ENCRYPTION_AT_REST,
    level: NagMessageLevel.ERROR,
    what: 'The SQS queue is not encrypted at rest: SQS-managed encryption is turned off (SqsManagedSseEnabled false) and no KMS key is set.',
    why: 'Its messages, event payloads that often carry personal data, are then stored in plaintext, where encrypting them takes one setting.',
    fix: 'Use SecureQueue, or set `encryption: sqs.QueueEncryption.KMS` with `encryptionMasterKey` on sqs.Queue, or at least remove `encryption: sqs.QueueEncryption.UNENCRYPTED` to get SQS-managed encryption.',
  },
  {
    check: SQSCustomerManagedKey,
    resourceTypes: ['AWS::SQS::Queue'],
    risk: RiskCategory.ENCRYPTION_AT_REST,
    level: NagMessageLevel.WARN,
    what: 'The SQS queue is not encrypted with a customer-managed KMS key (it uses SQS-managed encryption or the AWS managed key alias/aws/sqs).',
    why: 'Only a customer-managed key has a key policy you write, so access to the key that decrypts the messages can be restricted, audited and revoked.',
    fix: 'Use SecureQueue (encrypted with the stack key), or set `encryption: sqs.QueueEncryption.KMS` with `encryptionMasterKey` on sqs.Queue.',
  },
  {
    check: SQSTlsOnly,
    resourceTypes: ['AWS::SQS::Queue'],
    risk: RiskCategory.ENCRYPTION_IN_TRANSIT,
    level: NagMessageLevel.ERROR,
    what: 'The SQS queue has no queue policy that denies requests made without TLS (aws:SecureTransport false).',
    why: 'Clients may then send and receive its messages over plain HTTP, where they can be read or altered on the way.',
    fix: 'Use SecureQueue (TLS-only by default) or the SecureDefaults aspect, or set `enforceSSL: true` on sqs.Queue.',
  },
  {
    check: SQSPolicyGrantsAnyone,
    resourceTypes: Object.keys(QUEUE_POLICY_TYPES),
    risk: RiskCategory.PUBLIC_ACCESS,
    level: NagMessageLevel.ERROR,
    what: 'The SQS queue policy allows any principal without a condition that scopes it to an account, organization, source or network.',
    why: 'Anyone in any AWS account can then use the allowed actions, for example send forged events to its consumers or read its messages.',
    fix: 'Grant to named principals (`queue.grantSendMessages(role)`), or to a service principal with an `aws:SourceArn` condition as `topic.addSubscription(new subscriptions.SqsSubscription(queue))` does; SecureQueue never grants `*`.',
  },
];
