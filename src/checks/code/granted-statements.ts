import { asList, refersTo } from '../../policy/template-json';
import { PolicyStatementJson, statementsOf } from '../policy-document';
import { RenderedResource, resourcesOfType } from '../template-view';

/** An Allow statement of a function role's identity policies, with where it was written. */
export interface GrantedStatement {
  readonly statement: PolicyStatementJson;
  /** The construct path of the policy (or role) that carries it. */
  readonly source: string;
}

/** What a role's identity policies allow, as far as the template shows. */
export interface RolePermissions {
  readonly roleLogicalId: string;
  readonly statements: readonly GrantedStatement[];
  /**
   * Whether the role also has policies whose content the template does not show (a managed
   * policy by ARN that is not one of the few the analysis knows): then what the role lacks
   * cannot be judged.
   */
  readonly opaque: boolean;
}

/**
 * What the AWS managed policies that Lambda roles commonly attach allow, from their published
 * documents; any other managed policy by ARN makes the role's permissions opaque.
 */
const KNOWN_MANAGED_POLICIES: { readonly [name: string]: readonly string[] } = {
  'service-role/AWSLambdaBasicExecutionRole': ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'],
  'AWSXRayDaemonWriteAccess': ['xray:PutTraceSegments', 'xray:PutTelemetryRecords', 'xray:GetSamplingRules', 'xray:GetSamplingTargets', 'xray:GetSamplingStatisticSummaries'],
  'service-role/AWSLambdaVPCAccessExecutionRole': ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents',
    'ec2:CreateNetworkInterface', 'ec2:DescribeNetworkInterfaces', 'ec2:DescribeSubnets', 'ec2:DeleteNetworkInterface',
    'ec2:AssignPrivateIpAddresses', 'ec2:UnassignPrivateIpAddresses'],
};

/**
 * The identity-policy statements of the function's execution role, when the role is a
 * resource of the stack: its inline `Policies`, the `AWS::IAM::Policy`, `RolePolicy` and
 * `ManagedPolicy` resources attached to it, and the managed policies its `ManagedPolicyArns`
 * name. Only Allow statements; `undefined` when the role is not in the stack.
 */
export function rolePermissionsOf(fn: RenderedResource): RolePermissions | undefined {
  const role = resourcesOfType(fn.node, 'AWS::IAM::Role').find(candidate => refersTo(fn.properties.Role, candidate.logicalId));
  if (role === undefined) {
    return undefined;
  }
  const statements: GrantedStatement[] = [];
  const add = (document: unknown, source: string) => {
    for (const statement of statementsOf(document)) {
      if (statement.Effect === 'Allow') {
        statements.push({ statement, source });
      }
    }
  };
  for (const policy of asList(role.properties.Policies as unknown[])) {
    add((policy as { PolicyDocument?: unknown } | null)?.PolicyDocument, pathOf(role));
  }
  for (const type of ['AWS::IAM::Policy', 'AWS::IAM::RolePolicy', 'AWS::IAM::ManagedPolicy']) {
    for (const policy of resourcesOfType(fn.node, type)) {
      const attached = [...asList(policy.properties.Roles as unknown[]), policy.properties.RoleName]
        .some(value => value !== undefined && refersTo(value, role.logicalId));
      const attachedByRole = asList(role.properties.ManagedPolicyArns as unknown[]).some(arn => refersTo(arn, policy.logicalId));
      if (attached || attachedByRole) {
        add(policy.properties.PolicyDocument, pathOf(policy));
      }
    }
  }
  let opaque = false;
  const managedInStack = resourcesOfType(fn.node, 'AWS::IAM::ManagedPolicy');
  for (const arn of asList(role.properties.ManagedPolicyArns as unknown[])) {
    if (managedInStack.some(policy => refersTo(arn, policy.logicalId))) {
      continue;
    }
    const known = knownManagedPolicy(arn);
    if (known === undefined) {
      opaque = true;
    } else {
      statements.push({ statement: { Effect: 'Allow', Action: [...known], Resource: '*' }, source: `AWS managed policy ${describeArn(arn)}` });
    }
  }
  return { roleLogicalId: role.logicalId, statements, opaque };
}

function knownManagedPolicy(arn: unknown): readonly string[] | undefined {
  const text = describeArn(arn);
  const name = /:policy\/(.+)$/.exec(text)?.[1];
  return name === undefined ? undefined : KNOWN_MANAGED_POLICIES[name];
}

/** An ARN as text, with `Fn::Join` pieces joined and other intrinsics left as `?`. */
function describeArn(arn: unknown): string {
  if (typeof arn === 'string') {
    return arn;
  }
  const join = (arn as { 'Fn::Join'?: unknown } | null)?.['Fn::Join'];
  if (Array.isArray(join) && typeof join[0] === 'string' && Array.isArray(join[1])) {
    return (join[1] as unknown[]).map(part => typeof part === 'string' ? part : '?').join(join[0]);
  }
  return '?';
}

/** The construct path a resource was written at: its `aws:cdk:path` metadata when the template has it. */
function pathOf(resource: RenderedResource): string {
  const written = resource.metadata['aws:cdk:path'];
  return typeof written === 'string' ? written : resource.path;
}
