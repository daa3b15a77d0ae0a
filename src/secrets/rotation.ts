import { CfnResource, Names, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { IConstruct, IDependable } from 'constructs';
import { acknowledgeFindings } from '../core/acknowledgements';

/** The construct id of the policy that holds `secretsmanager:GetRandomPassword`, under the function's role. */
const RANDOM_PASSWORD_POLICY_ID = 'RandomPasswordPolicy';

const RANDOM_PASSWORD_REASON = 'secretsmanager:GetRandomPassword generates a password and touches no secret: the IAM service ' +
  'authorization reference lists no resource type for it, so `*` is the only resource it accepts. It is alone in this policy.';

/** What a rotation function was given, for the rotation schedule to depend on. */
export interface RotationAccess {
  /** The policies and permission that must exist before Secrets Manager first invokes the function. */
  readonly dependables: IDependable[];
}

/**
 * Gives a rotation function exactly what rotating one secret takes, instead of what
 * `RotationSchedule` grants (an invoke permission for Secrets Manager with no source, and
 * `GetRandomPassword` on `*` mixed into the function's other permissions):
 * - the four Secrets Manager actions of rotation, on this secret only;
 * - `kms:Decrypt` and `kms:GenerateDataKey` on the secret's key, only through Secrets Manager and
 *   only for this secret's encryption context;
 * - `secretsmanager:GetRandomPassword` in a policy of its own, acknowledged there only;
 * - an invoke permission for `secretsmanager.amazonaws.com` from this secret and account only.
 *
 * @returns what the rotation schedule must depend on
 */
export function grantRotation(secret: secretsmanager.ISecret, fn: lambda.IFunction): RotationAccess {
  const stack = Stack.of(secret);
  const dependables: IDependable[] = [];
  dependables.push(iam.Grant.addToPrincipal({
    grantee: fn,
    actions: [
      'secretsmanager:DescribeSecret',
      'secretsmanager:GetSecretValue',
      'secretsmanager:PutSecretValue',
      'secretsmanager:UpdateSecretVersionStage',
    ],
    resourceArns: [secret.secretArn],
  }));
  if (secret.encryptionKey) {
    // In the function's own policy, where a condition holds (a `PrincipalWithConditions` grant
    // drops its conditions there); the key policy must trust the account's IAM policies, as the
    // stack key's does.
    dependables.push(iam.Grant.addToPrincipal({
      grantee: fn,
      actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
      resourceArns: [secret.encryptionKey.keyArn],
      conditions: {
        StringEquals: {
          'kms:ViaService': `secretsmanager.${stack.region}.amazonaws.com`,
          'kms:EncryptionContext:SecretARN': secret.secretArn,
        },
      },
    }));
  }
  dependables.push(randomPasswordPolicy(fn));

  const permissionId = `InvokedBySecretsManagerFor${Names.nodeUniqueId(secret.node)}`;
  fn.addPermission(permissionId, {
    principal: new iam.ServicePrincipal('secretsmanager.amazonaws.com'),
    action: 'lambda:InvokeFunction',
    sourceArn: secret.secretArn,
    sourceAccount: stack.account,
  });
  const permission = fn.node.tryFindChild(permissionId);
  if (permission) {
    dependables.push(permission);
  }
  return { dependables };
}

/**
 * A reference to the rotation function that `RotationSchedule` cannot grant through: an imported
 * function has no resource of its own, so the schedule only renders its ARN.
 */
export function ungrantableReference(scope: IConstruct, id: string, fn: lambda.IFunction): lambda.IFunction {
  return lambda.Function.fromFunctionAttributes(scope, id, {
    functionArn: fn.functionArn,
    sameEnvironment: true,
    skipPermissions: true,
  });
}

/** The function role's policy holding `GetRandomPassword`, one per role however many secrets it rotates. */
function randomPasswordPolicy(fn: lambda.IFunction): IDependable {
  const role = fn.role!;
  const existing = role.node.tryFindChild(RANDOM_PASSWORD_POLICY_ID);
  if (existing) {
    return existing;
  }
  const policy = new iam.ManagedPolicy(role, RANDOM_PASSWORD_POLICY_ID, {
    description: `Password generation of the secret rotation function ${fn.node.path}`,
    statements: [new iam.PolicyStatement({
      sid: 'GenerateRandomPasswords',
      actions: ['secretsmanager:GetRandomPassword'],
      resources: ['*'],
    })],
    roles: [role],
  });
  acknowledgeFindings(policy.node.defaultChild as CfnResource, { id: 'AwsSolutions-IAM5[Resource::*]', reason: RANDOM_PASSWORD_REASON });
  return policy;
}
