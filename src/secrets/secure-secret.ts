import { CfnResource, Duration, SecretValue, SecretsManagerSecretOptions, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { SECURE_SECRET_DEFAULTS } from './defaults';
import { Fail, checkRotationInterval, validateSecureSecretProps } from './props-validation';
import { ReadRestriction } from './read-restriction';
import { grantRotation, ungrantableReference } from './rotation';
import { acknowledgeFindings } from '../core/acknowledgements';
import { secureValidationError } from '../core/errors';
import { StackKey } from '../core/stack-key';

/**
 * Properties of a `SecureSecret`: every `secretsmanager.SecretProps` prop, plus its rotation and
 * who may read it.
 *
 * Give the secret a rotation: `rotationFunction` or `hostedRotation` here, `addRotationSchedule`
 * later, or a rotation of the secret attached to a database (`secret.attach(db).addRotationSchedule`).
 * A secret with none is a synth error unless `allowNoRotation` says why.
 */
export interface SecureSecretProps extends secretsmanager.SecretProps {
  /**
   * The Lambda function that rotates the secret, on the `automaticallyAfter` schedule.
   *
   * Use a `SecureFunction`. It gets exactly what rotating this secret takes: the rotation
   * actions on this secret only, the secret's key only through Secrets Manager and for this
   * secret, `GetRandomPassword` in a policy of its own, and an invoke permission for Secrets
   * Manager from this secret and account only. A function in a VPC needs a route to Secrets
   * Manager (an interface endpoint, or egress). Cannot be combined with `hostedRotation` or
   * `allowNoRotation`.
   *
   * @default - no rotation function: pass one, a `hostedRotation`, or `allowNoRotation`
   */
  readonly rotationFunction?: lambda.IFunction;

  /**
   * A rotation function that Secrets Manager hosts, for a database secret (RDS, Redshift,
   * DocumentDB): `secretsmanager.HostedRotation.postgreSqlSingleUser()` and the like.
   *
   * The secret must hold the JSON the hosted function expects (`engine`, `host`, `username`,
   * `password`…), as `secret.attach(database)` provides. Cannot be combined with
   * `rotationFunction`, `allowNoRotation` or `restrictReadsToGrantees: true`.
   *
   * @default - no hosted rotation
   */
  readonly hostedRotation?: secretsmanager.HostedRotation;

  /**
   * How often the secret rotates: from 4 hours to 1000 days, whole hours under a day and whole
   * days above. Needs `rotationFunction` or `hostedRotation`.
   *
   * @default Duration.days(30)
   */
  readonly automaticallyAfter?: Duration;

  /**
   * Why this secret cannot rotate.
   *
   * A secret that never rotates stays valid for as long as anyone who ever read it, or a log that
   * leaked it, keeps a copy. Give a reason only when no rotation is possible, such as a
   * third-party API key that can only be changed by hand in the vendor's console. The reason
   * acknowledges the rotation findings of this library's pack and of cdk-nag on this secret.
   *
   * @default - the secret must rotate
   */
  readonly allowNoRotation?: string;

  /**
   * Whether the secret's resource policy denies `secretsmanager:GetSecretValue` to every
   * principal not granted through this secret (`grantRead`, `SecureFunction`'s `secrets`, the
   * rotation function), so that a broad IAM policy elsewhere (`secretsmanager:*` on `*`) does not
   * read it.
   *
   * The account's root user stays exempt, and no management action is denied: an administrator
   * can always replace or delete the policy. Off with a hosted rotation, whose function's role is
   * unknown at synth. A secret whose value CloudFormation resolves (`secretValue`,
   * `secretValueFromJson`, `rds.Credentials.fromSecret`) cannot be restricted: set this to false.
   *
   * @default true, false with a `hostedRotation`
   */
  readonly restrictReadsToGrantees?: boolean;
}

/**
 * A Secrets Manager secret with the secure setup as its default.
 *
 * Differences from `secretsmanager.Secret`, each a default you can override:
 * - encrypted with the stack key, `StackKey.of(this)`, instead of `aws/secretsmanager`;
 * - retained when removed from the stack or when the stack is deleted;
 * - rotation required: a rotation function, a hosted rotation, or a reason not to rotate;
 * - a resource policy that denies reading the value to any principal not granted through the
 *   secret, and blocks policies that would make the secret public;
 * - refuses plaintext values (`SecretValue.unsafePlainText`), grants to any principal, and
 *   replicas without a customer-managed key.
 */
export class SecureSecret extends secretsmanager.Secret {
  /** The rotation schedule created from `rotationFunction` or `hostedRotation`. */
  public readonly rotationSchedule?: secretsmanager.RotationSchedule;

  private readonly noRotationReason?: string;
  private readonly restriction?: ReadRestriction;
  private valueResolvedByCloudFormation = false;
  private readonly ownSchedules: secretsmanager.RotationSchedule[] = [];

  constructor(scope: Construct, id: string, props: SecureSecretProps = {}) {
    validateSecureSecretProps(scope, id, props);
    super(scope, id, {
      ...props,
      encryptionKey: props.encryptionKey ?? StackKey.of(scope),
      removalPolicy: props.removalPolicy ?? SECURE_SECRET_DEFAULTS.removalPolicy,
    });
    this.noRotationReason = props.allowNoRotation;

    const restrict = props.restrictReadsToGrantees ?? (props.hostedRotation ? false : SECURE_SECRET_DEFAULTS.restrictReadsToGrantees);
    if (restrict) {
      this.restriction = new ReadRestriction();
      this.addToResourcePolicy(this.restriction.statement);
    }
    if (props.rotationFunction || props.hostedRotation) {
      this.rotationSchedule = this.addRotationSchedule('RotationSchedule', {
        rotationLambda: props.rotationFunction,
        hostedRotation: props.hostedRotation,
        automaticallyAfter: props.automaticallyAfter ?? SECURE_SECRET_DEFAULTS.automaticallyAfter,
      });
    }
    if (props.allowNoRotation !== undefined) {
      acknowledgeFindings(this.node.defaultChild as CfnResource, ...NO_ROTATION_FINDINGS.map(findingId => ({
        id: findingId,
        reason: `The secret does not rotate (allowNoRotation): ${props.allowNoRotation}`,
      })));
    }
    this.node.addValidation({ validate: () => this.validateRotationAndReads() });
  }

  /**
   * Grants read access to the secret's value, and exempts the grantee from the read restriction.
   *
   * Exact actions: `secretsmanager:GetSecretValue` and `secretsmanager:DescribeSecret` on the
   * secret, and `kms:Decrypt` on its key, only through Secrets Manager.
   *
   * Refuses a grant to any principal (`*`) without conditions, which would make the secret
   * readable by every AWS account; with the read restriction, also refuses principals it cannot
   * name (IAM groups, federated principals, organizations).
   */
  public grantRead(grantee: iam.IGrantable, versionStages?: string[]): iam.Grant {
    this.admitReader(grantee.grantPrincipal, 'grantRead');
    return super.grantRead(grantee, versionStages);
  }

  /**
   * Grants write access to the secret's value, refusing any principal (`*`) without conditions.
   *
   * Exact actions: `secretsmanager:PutSecretValue`, `secretsmanager:UpdateSecret` and
   * `secretsmanager:UpdateSecretVersionStage` on the secret, and `kms:GenerateDataKey` on its key
   * (Secrets Manager encrypts a new value with a data key), only through Secrets Manager, where
   * the CDK grants `kms:Encrypt`, `kms:ReEncrypt*` and `kms:GenerateDataKey*`.
   */
  public grantWrite(grantee: iam.IGrantable): iam.Grant {
    this.refuseAnyPrincipal(grantee.grantPrincipal, 'grantWrite');
    const result = iam.Grant.addToPrincipalOrResource({
      grantee,
      actions: ['secretsmanager:PutSecretValue', 'secretsmanager:UpdateSecret', 'secretsmanager:UpdateSecretVersionStage'],
      resourceArns: [this.arnForPolicies],
      resource: this,
    });
    // Always set: the stack key unless encryptionKey names another.
    this.encryptionKey?.grant(new kms.ViaServicePrincipal(`secretsmanager.${Stack.of(this).region}.amazonaws.com`, grantee.grantPrincipal),
      'kms:GenerateDataKey');
    return result;
  }

  /**
   * Adds a statement to the secret's resource policy, which blocks public policies.
   */
  public addToResourcePolicy(statement: iam.PolicyStatement): iam.AddToResourcePolicyResult {
    const result = super.addToResourcePolicy(statement);
    const policy = this.node.tryFindChild('Policy')?.node.defaultChild as secretsmanager.CfnResourcePolicy | undefined;
    if (policy) {
      // Secrets Manager refuses a policy that would give broad access to the secret.
      policy.blockPublicPolicy = true;
    }
    return result;
  }

  /**
   * Adds the secret's rotation schedule; a secret has one.
   *
   * With `rotationLambda`, the function gets exactly what rotating this secret takes (see
   * `rotationFunction`) instead of the broader grants of `RotationSchedule`. The interval must be
   * from 4 hours to 1000 days.
   */
  public addRotationSchedule(id: string, options: secretsmanager.RotationScheduleOptions): secretsmanager.RotationSchedule {
    const fail: Fail = (name, problem, fix) => {
      throw secureValidationError(this, name, problem, fix);
    };
    if (this.ownSchedules.length > 0) {
      fail('SecondRotationSchedule', `the secret already has the rotation schedule ${this.ownSchedules[0].node.path}; Secrets Manager keeps one per secret.`,
        'keep one rotation schedule: leave out rotationFunction or hostedRotation, or do not call addRotationSchedule again.');
    }
    if (options.automaticallyAfter !== undefined) {
      checkRotationInterval(options.automaticallyAfter, 'automaticallyAfter', fail);
    }
    if (options.hostedRotation && this.restriction) {
      fail('ReadRestrictionLocksOutHostedRotation', 'a hosted rotation is added while restrictReadsToGrantees is on; the hosted rotation function '
        + 'gets its role only at deploy time, so the restriction would deny it the secret it must rotate.',
      'set restrictReadsToGrantees: false on the secret, or rotate with your own rotation function.');
    }
    const rotationFunction = options.rotationLambda;
    if (!rotationFunction) {
      return this.remember(super.addRotationSchedule(id, options));
    }
    if (!rotationFunction.role) {
      fail('RotationFunctionWithoutRole', `the rotation function ${rotationFunction.node.path} has no role this app can grant to (an imported function).`,
        'pass a function defined in this app (a SecureFunction), or import it with its role (lambda.Function.fromFunctionAttributes with role).');
    }
    this.admitReader(rotationFunction.grantPrincipal, 'rotationFunction');
    const access = grantRotation(this, rotationFunction);
    const schedule = super.addRotationSchedule(id, {
      ...options,
      rotationLambda: ungrantableReference(this, `${id}Function`, rotationFunction),
    });
    schedule.node.addDependency(...access.dependables);
    return this.remember(schedule);
  }

  /**
   * The secret's value as a CloudFormation dynamic reference, resolved at deploy time.
   *
   * CloudFormation reads it with the deploying principal, which the read restriction cannot
   * name: with `restrictReadsToGrantees` on, synth fails and says so.
   */
  public secretValueFromJson(jsonField: string): SecretValue {
    this.valueResolvedByCloudFormation = true;
    return super.secretValueFromJson(jsonField);
  }

  /**
   * A key to reference this secret in a CloudFormation dynamic reference; see `secretValueFromJson`.
   */
  public cfnDynamicReferenceKey(options?: SecretsManagerSecretOptions): string {
    this.valueResolvedByCloudFormation = true;
    return super.cfnDynamicReferenceKey(options);
  }

  /**
   * Attaches the secret to a database; grants and rotation of the attached secret count as this
   * secret's.
   */
  public attach(target: secretsmanager.ISecretAttachmentTarget): secretsmanager.ISecret {
    const attached = super.attach(target);
    // The attachment is the same secret under another construct: its grants must exempt their
    // grantees too, and its dynamic references are read by CloudFormation all the same.
    const grantRead = attached.grantRead.bind(attached);
    attached.grantRead = (grantee: iam.IGrantable, versionStages?: string[]) => {
      this.admitReader(grantee.grantPrincipal, 'grantRead');
      return grantRead(grantee, versionStages);
    };
    const secretValueFromJson = attached.secretValueFromJson.bind(attached);
    attached.secretValueFromJson = (jsonField: string) => {
      this.valueResolvedByCloudFormation = true;
      return secretValueFromJson(jsonField);
    };
    return attached;
  }

  private remember(schedule: secretsmanager.RotationSchedule): secretsmanager.RotationSchedule {
    this.ownSchedules.push(schedule);
    return schedule;
  }

  private admitReader(principal: iam.IPrincipal, method: string): void {
    this.refuseAnyPrincipal(principal, method);
    const problem = this.restriction?.allow(principal);
    if (problem !== undefined) {
      throw secureValidationError(this, 'UnlistableReader',
        `${method} to ${principal} cannot be honoured by the read restriction: ${problem}.`,
        'grant the roles or users that read the secret, or set restrictReadsToGrantees: false on the secret.');
    }
  }

  private refuseAnyPrincipal(principal: iam.IPrincipal, method: string): void {
    const fragment = principal.policyFragment;
    const anyone = Object.values(fragment.principalJson).flat().some(value => value === '*');
    if (anyone && Object.keys(fragment.conditions).length === 0) {
      throw secureValidationError(this, 'SecretGrantedToAnyone',
        `${method} to any principal (*) would let every AWS account use the secret.`,
        'grant the roles that need the secret, or an iam.OrganizationPrincipal for your organization.');
    }
  }

  /** Rotation and read checks that need the whole app: schedules added elsewhere, value uses. */
  private validateRotationAndReads(): string[] {
    const errors: string[] = [];
    const schedules = rotationSchedulesOf(this);
    if (schedules.length === 0 && this.noRotationReason === undefined) {
      errors.push(`${this.node.path}: the secret has no rotation. A secret that never rotates stays valid for as long as anyone who ` +
        'ever read it keeps a copy. Fix: pass rotationFunction or hostedRotation, call addRotationSchedule, or set allowNoRotation ' +
        'to the reason this secret cannot rotate.');
    }
    if (schedules.length > 0 && this.noRotationReason !== undefined) {
      errors.push(`${this.node.path}: allowNoRotation is set, but the secret has the rotation schedule ${schedules[0].node.path}. ` +
        'Fix: leave out allowNoRotation.');
    }
    if (this.restriction && schedules.some(schedule => Stack.of(this).resolve(schedule.hostedRotationLambda) !== undefined)) {
      errors.push(`${this.node.path}: a hosted rotation rotates the secret while restrictReadsToGrantees is on; the hosted function ` +
        'gets its role only at deploy time and would be denied the secret. Fix: set restrictReadsToGrantees: false on the secret.');
    }
    if (this.restriction && this.valueResolvedByCloudFormation) {
      errors.push(`${this.node.path}: the secret's value is resolved by CloudFormation (secretValue, secretValueFromJson or a ` +
        'construct using them, such as rds.Credentials.fromSecret), with the deploying principal, which restrictReadsToGrantees ' +
        'cannot name: the deploy would be denied. Fix: set restrictReadsToGrantees: false on the secret.');
    }
    return errors;
  }
}

/** The rule ids whose only finding on a secret is "it does not rotate". */
const NO_ROTATION_FINDINGS = [
  'SecureServerless-SecretRotation',
  'AwsSolutions-SMG4',
  'HIPAA.Security-SecretsManagerRotationEnabled',
  'NIST.800.53.R5-SecretsManagerRotationEnabled',
];

/**
 * The rotation schedules of the stack that rotate the secret, directly or through the secret
 * attached to a database, however they were added.
 */
function rotationSchedulesOf(secret: secretsmanager.Secret): secretsmanager.CfnRotationSchedule[] {
  const stack = Stack.of(secret);
  const attachment = secret.node.tryFindChild('Attachment') as secretsmanager.SecretTargetAttachment | undefined;
  const ids = [secret.secretArn, attachment?.secretArn]
    .filter((arn): arn is string => arn !== undefined)
    .map(arn => JSON.stringify(stack.resolve(arn)));
  return stack.node.findAll()
    .filter((construct): construct is secretsmanager.CfnRotationSchedule => construct instanceof secretsmanager.CfnRotationSchedule)
    .filter(schedule => ids.includes(JSON.stringify(stack.resolve(schedule.secretId))));
}
