import { NagMessageLevel } from 'cdk-nag/lib/nag-rules';
import SNSEncrypted from './SNSEncrypted';
import SNSPolicyGrantsAnyone from './SNSPolicyGrantsAnyone';
import SNSTlsOnly from './SNSTlsOnly';
import { TOPIC_POLICY_TYPES } from './topic-references';
import { RiskCategory } from '../../risk-category';
import { SecurityRule } from '../../security-rule';

/** The rules of the pack for Amazon SNS topics and topic policies. */
export const SNS_RULES: SecurityRule[] = [
  {
    check: SNSEncrypted,
    resourceTypes: ['AWS::SNS::Topic'],
    risk: RiskCategory.ENCRYPTION_AT_REST,
    level: NagMessageLevel.ERROR,
    what: 'The SNS topic is not encrypted at rest (it has no KMS key).',
    why: 'SNS, unlike SQS, does not encrypt a topic\'s messages unless it has a KMS key, so messages waiting for delivery are stored unencrypted, where encrypting them takes one setting.',
    fix: 'Use SecureTopic (encrypted with the stack key), or set `masterKey` on sns.Topic.',
  },
  {
    check: SNSTlsOnly,
    resourceTypes: ['AWS::SNS::Topic'],
    risk: RiskCategory.ENCRYPTION_IN_TRANSIT,
    level: NagMessageLevel.ERROR,
    what: 'The SNS topic has no topic policy that denies publishing without TLS (aws:SecureTransport false).',
    why: 'Publishers may then send its messages over plain HTTP, where they can be read or altered on the way.',
    fix: 'Use SecureTopic (TLS-only by default) or the SecureDefaults aspect, or set `enforceSSL: true` on sns.Topic.',
  },
  {
    check: SNSPolicyGrantsAnyone,
    resourceTypes: Object.keys(TOPIC_POLICY_TYPES),
    risk: RiskCategory.PUBLIC_ACCESS,
    level: NagMessageLevel.ERROR,
    what: 'The SNS topic policy allows any principal without a condition that scopes it to an account, organization, source or network.',
    why: 'Anyone in any AWS account can then use the allowed actions, for example publish forged messages to every subscriber or subscribe to read them.',
    fix: 'Grant to named principals (`topic.grantPublish(role)`), or to a service principal with an `aws:SourceArn` condition; SecureTopic never grants `*`.',
  },
];
