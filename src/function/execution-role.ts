import { CfnResource, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { acknowledgeFindings } from '../core/acknowledgements';
import { stackSingleton } from '../core/stack-singleton';

/**
 * Makes the role that `lambda.Function` created least-privilege:
 * - removes the AWS managed policies the base class attached (`AWSLambdaBasicExecutionRole`
 *   grants log writes to every log group of the account; `AWSLambdaVPCAccessExecutionRole`
 *   network-interface actions the function may not need);
 * - sends every statement later added to the role (grants, `addToRolePolicy`) to one
 *   customer-managed policy of this function, instead of an inline default policy.
 *
 * The policies are children of the role, so the function, which depends on its role, is created
 * only once they exist (Lambda checks the dead-letter queue permission at creation).
 *
 * @returns the customer-managed policy that holds the function's permissions
 */
export function hardenExecutionRole(fn: lambda.Function, role: iam.Role): iam.ManagedPolicy {
  removeBaseClassManagedPolicies(role);
  const policy = new iam.ManagedPolicy(role, 'ExecutionPolicy', {
    description: `Permissions of the Lambda function ${fn.node.path}, and of no other`,
    roles: [role],
  });
  role.addToPrincipalPolicy = (statement: iam.PolicyStatement): iam.AddToPrincipalPolicyResult => {
    policy.addStatements(statement);
    return { statementAdded: true, policyDependable: policy };
  };
  return policy;
}

/** The managed policies `lambda.Function` attaches to a role it creates. */
const BASE_CLASS_MANAGED_POLICIES = [
  'service-role/AWSLambdaBasicExecutionRole',
  'service-role/AWSLambdaBasicDurableExecutionRolePolicy',
  'service-role/AWSLambdaVPCAccessExecutionRole',
];

/** The base-class policies' ARNs as they render in each stack: the same for all its functions, so rendered once. */
const baseClassArnsOfStack = new WeakMap<Stack, ReadonlySet<string>>();

function renderedBaseClassArns(stack: Stack): ReadonlySet<string> {
  let arns = baseClassArnsOfStack.get(stack);
  if (arns === undefined) {
    arns = new Set(BASE_CLASS_MANAGED_POLICIES.map(name =>
      JSON.stringify(stack.resolve(iam.ManagedPolicy.fromAwsManagedPolicyName(name).managedPolicyArn))));
    baseClassArnsOfStack.set(stack, arns);
  }
  return arns;
}

function removeBaseClassManagedPolicies(role: iam.Role): void {
  // `Role` keeps its managed policies in a private array that its CloudFormation resource reads
  // lazily; there is no public way to detach one. A test pins that the template has none.
  const attached = (role as unknown as { managedPolicies?: iam.IManagedPolicy[] }).managedPolicies;
  if (!Array.isArray(attached)) {
    return;
  }
  const stack = Stack.of(role);
  const baseClassArns = renderedBaseClassArns(stack);
  const isBaseClassPolicy = (policy: iam.IManagedPolicy) => baseClassArns.has(JSON.stringify(stack.resolve(policy.managedPolicyArn)));
  for (let i = attached.length - 1; i >= 0; i--) {
    if (isBaseClassPolicy(attached[i])) {
      attached.splice(i, 1);
    }
  }
}

/** The AWS managed policies (`arn:…:iam::aws:policy/…`) attached to a role, as they render. */
export function awsManagedPolicyArns(role: iam.Role): string[] {
  const cfnRole = role.node.defaultChild as iam.CfnRole;
  const arns: unknown[] = Stack.of(role).resolve(cfnRole.managedPolicyArns) ?? [];
  return arns
    .map(arn => typeof arn === 'string' ? arn : JSON.stringify(arn))
    .filter(arn => arn.includes(':iam::aws:policy/'))
    .map(arn => arn.replace(/.*:iam::aws:policy\/([^"]+).*/, '$1'));
}

const XRAY_REASON = 'X-Ray\'s PutTraceSegments and PutTelemetryRecords have no resource-level permissions: ' +
  'the IAM service authorization reference lists no resource type for them, so `*` is the only resource they accept.';

/** The construct id of the stack's X-Ray policy, directly under the stack. */
export const TRACING_POLICY_ID = 'SecureServerlessTracingPolicy';

/**
 * Grants X-Ray's write actions. When the function owns its role they go in a policy of their
 * own, so that the `*` resource they need is acknowledged on that policy alone and never
 * hides a wildcard added to the function's other permissions. One such policy serves every
 * function of the stack (attached to each role): the actions and their `*` are the same for all,
 * so a policy per function would only add a resource per function to the stack's 500.
 */
export function grantTracing(fn: lambda.Function, ownsRole: boolean): void {
  if (!ownsRole) {
    fn.addToRolePolicy(tracingStatement());
    return;
  }
  const policy = stackSingleton(fn, TRACING_POLICY_ID, stack => {
    const created = new iam.ManagedPolicy(stack, TRACING_POLICY_ID, {
      description: 'X-Ray write access of the Lambda functions of this stack',
      statements: [tracingStatement()],
    });
    acknowledgeFindings(created.node.defaultChild as CfnResource, { id: 'AwsSolutions-IAM5[Resource::*]', reason: XRAY_REASON });
    return created;
  });
  policy.attachToRole(fn.role!);
  // The function (its CfnFunction alone: its role is among fn's children, and the policy needs
  // the role first) is created once it can write traces, as with a policy of its own role.
  (fn.node.defaultChild as CfnResource).addDependency(policy.node.defaultChild as CfnResource);
}

function tracingStatement(): iam.PolicyStatement {
  return new iam.PolicyStatement({
    sid: 'WriteTraces',
    actions: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'],
    resources: ['*'],
  });
}

const NETWORK_INTERFACE_REASON = 'Lambda creates, describes and deletes the network interfaces of a VPC function with the ' +
  'function\'s own role, and validates these actions on `*`; the interfaces get their ids only when Lambda creates them, ' +
  'and the Describe actions have no resource-level permissions.';

/**
 * Grants the network-interface actions Lambda performs with the role of a function in a VPC:
 * the content of `AWSLambdaVPCAccessExecutionRole` without its log permissions, in a policy of
 * its own whose `*` resource is acknowledged.
 */
export function grantNetworkInterfaces(fn: lambda.Function): void {
  const policy = new iam.ManagedPolicy(fn.role!, 'NetworkInterfacePolicy', {
    description: `VPC network interfaces of the Lambda function ${fn.node.path}`,
    statements: [new iam.PolicyStatement({
      sid: 'ManageVpcNetworkInterfaces',
      actions: [
        'ec2:CreateNetworkInterface',
        'ec2:DescribeNetworkInterfaces',
        'ec2:DescribeSubnets',
        'ec2:DeleteNetworkInterface',
        'ec2:AssignPrivateIpAddresses',
        'ec2:UnassignPrivateIpAddresses',
      ],
      resources: ['*'],
    })],
    roles: [fn.role!],
  });
  acknowledgeFindings(policy.node.defaultChild as CfnResource, { id: 'AwsSolutions-IAM5[Resource::*]', reason: NETWORK_INTERFACE_REASON });
}

/** Paths of the other Lambda functions of the app whose role is this function's role. */
export function findSharedRoleUsers(fn: lambda.Function): string[] {
  const ownResource = fn.node.defaultChild;
  const roleArn = fn.role?.roleArn;
  if (roleArn === undefined) {
    return [];
  }
  return fn.node.root.node.findAll()
    .filter((construct): construct is lambda.CfnFunction => construct !== ownResource
      && CfnResource.isCfnResource(construct)
      && construct.cfnResourceType === lambda.CfnFunction.CFN_RESOURCE_TYPE_NAME
      && (construct as lambda.CfnFunction).role === roleArn)
    .map(construct => construct.node.scope?.node.path ?? construct.node.path);
}
