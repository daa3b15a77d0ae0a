import { NagMessageLevel } from 'cdk-nag/lib/nag-rules';
import KMSKeyPolicyGrantsAnyone from './KMSKeyPolicyGrantsAnyone';
import KMSKeyRotation from './KMSKeyRotation';
import { RiskCategory } from '../../risk-category';
import { SecurityRule } from '../../security-rule';

/** The rules on KMS keys. */
export const KMS_RULES: SecurityRule[] = [
  {
    check: KMSKeyRotation,
    resourceTypes: ['AWS::KMS::Key'],
    risk: RiskCategory.ENCRYPTION_AT_REST,
    level: NagMessageLevel.ERROR,
    what: 'The symmetric KMS key does not rotate its key material (`EnableKeyRotation` is not true).',
    why: 'Access to encryption keys should be restricted and the keys rotated: without rotation one key material protects every byte for the key\'s whole life, so any exposure of it never expires.',
    fix: 'Use the stack key, `StackKey.of(this)`, which SecureFunction and the other Secure constructs use by default and which rotates yearly; with plain CDK, set `enableKeyRotation: true` on the `kms.Key`.',
  },
  {
    check: KMSKeyPolicyGrantsAnyone,
    resourceTypes: ['AWS::KMS::Key', 'AWS::KMS::ReplicaKey'],
    risk: RiskCategory.PUBLIC_ACCESS,
    level: NagMessageLevel.ERROR,
    what: 'The KMS key policy allows any principal (`*`) without a condition that limits it to an account or organization.',
    why: 'A key policy is the first word on who may use a key: `*` lets any AWS account decrypt the data the key protects, or encrypt with it, as far as the statement\'s actions go.',
    fix: 'Grant specific principals with `key.grantDecrypt(principal)` or `key.grantEncryptDecrypt(principal)`, or add a `kms:CallerAccount` or `aws:PrincipalOrgID` condition to the statement; `StackKey.of(this)` is the key of this library, scoped to its account and region.',
  },
];
