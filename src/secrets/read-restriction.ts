import { Lazy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';

/**
 * The principals allowed to read a secret's value, and the resource-policy statement that denies
 * `secretsmanager:GetSecretValue` to everyone else.
 *
 * The statement is built once and its condition lists are computed lazily, at synth, from every
 * principal `allow`ed until then: the grants of the secret (`grantRead`, `SecureFunction`'s
 * `secrets`) and its rotation function.
 *
 * Why it cannot lock the account out of the secret:
 * - it denies only `secretsmanager:GetSecretValue` (which also gates `BatchGetSecretValue`):
 *   `PutResourcePolicy`, `DeleteResourcePolicy`, `DescribeSecret`, `UpdateSecret`,
 *   `PutSecretValue`, `RotateSecret` and `DeleteSecret` stay governed by IAM alone, so any
 *   administrator, and CloudFormation, can always replace or delete this policy;
 * - the account's root user is always exempt, as a break-glass reader;
 * - conditions are ANDed: the statement denies only a principal that is in none of the lists.
 */
export class ReadRestriction {
  /** The statement to add to the secret's resource policy. */
  public readonly statement: iam.PolicyStatement;

  private readonly principalArns: string[] = [];
  private readonly serviceNames: string[] = [];
  private readonly accounts: string[] = [];

  constructor() {
    this.statement = new iam.PolicyStatement({
      sid: 'DenyReadsByPrincipalsNotGrantedThroughThisSecret',
      effect: iam.Effect.DENY,
      principals: [new iam.StarPrincipal()],
      actions: ['secretsmanager:GetSecretValue'],
      resources: ['*'],
      conditions: {
        ArnNotEquals: {
          'aws:PrincipalArn': Lazy.list({ produce: () => [new iam.AccountRootPrincipal().arn, ...unique(this.principalArns)] }),
        },
      },
    });
    // Present only when a service or a whole account was granted: an empty condition list is
    // not valid IAM, and `undefined` drops the operator from the rendered statement.
    this.statement.addCondition('StringNotEquals', Lazy.any({
      produce: () => {
        const services = unique(this.serviceNames);
        const accounts = unique(this.accounts);
        if (services.length === 0 && accounts.length === 0) {
          return undefined;
        }
        return {
          ...(services.length > 0 ? { 'aws:PrincipalServiceName': services } : {}),
          ...(accounts.length > 0 ? { 'aws:PrincipalAccount': accounts } : {}),
        };
      },
    }) as unknown as { [key: string]: unknown });
  }

  /**
   * Exempts a principal from the restriction.
   *
   * @returns why the principal cannot be named in the statement, or `undefined` once it is added
   */
  public allow(principal: iam.IPrincipal): string | undefined {
    const problem = unlistable(principal);
    if (problem !== undefined) {
      return problem;
    }
    if (principal instanceof iam.AccountPrincipal) {
      // An account grant delegates to that account's IAM: any of its principals may read.
      this.accounts.push(principal.accountId);
      return undefined;
    }
    const json = principal.policyFragment.principalJson;
    this.principalArns.push(...(json.AWS ?? []));
    this.serviceNames.push(...(json.Service ?? []));
    return undefined;
  }
}

/**
 * Why a principal cannot be expressed with `aws:PrincipalArn`, `aws:PrincipalServiceName` or
 * `aws:PrincipalAccount`.
 */
function unlistable(principal: iam.IPrincipal): string | undefined {
  if (principal instanceof iam.Group) {
    return 'an IAM group is no principal of a request: its users call with their own ARNs';
  }
  const json = principal.policyFragment.principalJson;
  const kinds = Object.keys(json).filter(kind => kind !== 'AWS' && kind !== 'Service');
  if (kinds.length > 0) {
    return `a ${kinds.join(' or ')} principal has no ARN or service name to list`;
  }
  if (Object.values(json).flat().some(value => value === '*')) {
    return 'a grant to any principal (*), even with conditions such as an organization, cannot be listed by ARN';
  }
  return undefined;
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
