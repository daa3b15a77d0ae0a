import { NagMessageLevel } from 'cdk-nag/lib/nag-rules';
import SecretCustomerManagedKey from './SecretCustomerManagedKey';
import SecretPolicyGrantsAnyone from './SecretPolicyGrantsAnyone';
import SecretRotation from './SecretRotation';
import { RiskCategory } from '../../risk-category';
import { SecurityRule } from '../../security-rule';

/** The rules on Secrets Manager secrets and their resource policies. */
export const SECRETSMANAGER_RULES: SecurityRule[] = [
  {
    check: SecretRotation,
    resourceTypes: ['AWS::SecretsManager::Secret'],
    risk: RiskCategory.SECRETS,
    level: NagMessageLevel.ERROR,
    what: 'The secret has no rotation schedule with a rotation function.',
    why: 'Secrets should be stored centrally where they can be managed and rotated: a secret that never rotates stays valid for as long as anyone who ever read it, or a log that leaked it, keeps a copy.',
    fix: 'Use SecureSecret and give it a rotation function or a hosted rotation; with plain CDK, call `secret.addRotationSchedule(\'Rotation\', { rotationLambda })` or pass `hostedRotation: secretsmanager.HostedRotation.mysqlSingleUser()` (or the one for your database).',
  },
  {
    check: SecretCustomerManagedKey,
    resourceTypes: ['AWS::SecretsManager::Secret'],
    risk: RiskCategory.ENCRYPTION_AT_REST,
    level: NagMessageLevel.WARN,
    what: 'The secret is encrypted with the AWS managed key `aws/secretsmanager`, not a customer-managed KMS key.',
    why: 'With the AWS managed key, any principal of the account allowed `secretsmanager:GetSecretValue` can decrypt the secret; a key of yours adds a key policy that must also allow it, and cross-account access needs one.',
    fix: 'Use SecureSecret, which encrypts with the stack key, `StackKey.of(this)`; with plain CDK, set `encryptionKey` on the `secretsmanager.Secret`.',
  },
  {
    check: SecretPolicyGrantsAnyone,
    resourceTypes: ['AWS::SecretsManager::ResourcePolicy'],
    risk: RiskCategory.PUBLIC_ACCESS,
    level: NagMessageLevel.ERROR,
    what: 'The secret\'s resource policy allows any principal without a condition that scopes it to an account, organization, source or network.',
    why: 'Anyone in any AWS account can then use the allowed actions, `secretsmanager:GetSecretValue` above all: the credential is no longer a secret, and rotating it only hands out the next one.',
    fix: 'Grant to named principals (`secret.grantRead(role)`, or an `iam.AccountPrincipal` for another account), or scope `*` with `aws:PrincipalOrgID` (`new iam.OrganizationPrincipal(orgId)`); SecureSecret\'s grant methods refuse `*`, and its resource policy blocks public policies.',
  },
];
