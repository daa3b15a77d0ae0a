import { ArnFormat, CfnResource, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as iam from 'aws-cdk-lib/aws-iam';
import { IConstruct } from 'constructs';
import { acknowledgeFindings } from '../core/acknowledgements';
import { stackSingleton } from '../core/stack-singleton';
import { hasNoResourceScope } from '../policy/iam/actions-without-resource-scope';

/**
 * The actions of the AWS managed policy `AmazonAPIGatewayPushToCloudWatchLogs` (version 1, the
 * only one since 2015), which API Gateway needs to write execution and access logs. Exactly these,
 * in a customer-managed policy: the managed policy is what `cloudWatchRole: true` attaches, and
 * cdk-nag's AwsSolutions-IAM4 flags it.
 */
export const API_GATEWAY_LOG_ACTIONS: ReadonlyArray<string> = Object.freeze([
  'logs:CreateLogGroup',
  'logs:CreateLogStream',
  'logs:DescribeLogGroups',
  'logs:DescribeLogStreams',
  'logs:PutLogEvents',
  'logs:GetLogEvents',
  'logs:FilterLogEvents',
]);

const ACCOUNT_WIDE_REASON = 'API Gateway uses one CloudWatch role for every REST and WebSocket API of the account and region, and '
  + 'writes their execution logs to log groups it creates and names itself (API-Gateway-Execution-Logs_<api id>/<stage>); the role '
  + 'must write to those of every API, so its log actions name every log group of this account and region, and no other account or region.';

/**
 * The account-level setting that lets API Gateway write CloudWatch logs: a role API Gateway
 * assumes, with the log actions it needs in a customer-managed policy, and the
 * `AWS::ApiGateway::Account` resource that points the account and region at it. Created once
 * per stack, under the stack, and retained when the stack is deleted (other APIs of the account
 * go on using it).
 */
export class ApiGatewayCloudWatchRole {
  /** The construct id of the role, directly under the stack. Part of its logical id: never change it. */
  public static readonly ROLE_ID = 'SecureServerlessApiGatewayCloudWatchRole';
  /** The construct id of the account setting, directly under the stack. */
  public static readonly ACCOUNT_ID = 'SecureServerlessApiGatewayAccount';

  /** The stack's account setting, creating it and its role on first use. */
  public static of(scope: IConstruct): apigateway.CfnAccount {
    return stackSingleton(scope, ApiGatewayCloudWatchRole.ACCOUNT_ID, ApiGatewayCloudWatchRole.create);
  }

  private static create(stack: Stack): apigateway.CfnAccount {
    const role = new iam.Role(stack, ApiGatewayCloudWatchRole.ROLE_ID, {
      assumedBy: new iam.ServicePrincipal('apigateway.amazonaws.com'),
      description: 'Lets API Gateway write the execution and access logs of the REST and WebSocket APIs of this account and region',
    });
    const logGroups = stack.formatArn({ service: 'logs', resource: 'log-group', resourceName: '*', arnFormat: ArnFormat.COLON_RESOURCE_NAME });
    const policy = new iam.ManagedPolicy(role, 'LogsPolicy', {
      description: 'The log actions of AmazonAPIGatewayPushToCloudWatchLogs, on the log groups of this account and region only',
      roles: [role],
      statements: [new iam.PolicyStatement({
        actions: [...API_GATEWAY_LOG_ACTIONS],
        resources: [logGroups, `${logGroups}:log-stream:*`],
      })],
    });
    role.applyRemovalPolicy(RemovalPolicy.RETAIN);
    policy.applyRemovalPolicy(RemovalPolicy.RETAIN);
    const account = new apigateway.CfnAccount(stack, ApiGatewayCloudWatchRole.ACCOUNT_ID, { cloudWatchRoleArn: role.roleArn });
    account.applyRemovalPolicy(RemovalPolicy.RETAIN);
    account.node.addDependency(policy);
    // In one call: one acknowledgement entry (and one stack trace) for all of them.
    acknowledgeFindings(policy.node.defaultChild as CfnResource,
      ...[logGroups, `${logGroups}:log-stream:*`].map(resource =>
        ({ id: `AwsSolutions-IAM5[Resource::${namedAsCdkNag(stack, resource)}]`, reason: ACCOUNT_WIDE_REASON })),
      // Every log group of the account and region is every log group there is to name: our pack
      // reports each action that could be scoped, and is told why it is not.
      ...API_GATEWAY_LOG_ACTIONS.filter(name => !hasNoResourceScope(name)).map(action =>
        ({ id: `SecureServerless-IAMActionOnAnyResource[Action::${action}]`, reason: ACCOUNT_WIDE_REASON })));
    return account;
  }

  private constructor() {}
}

/**
 * An ARN as cdk-nag names it in a finding: literal parts as they are, references as
 * `<LogicalId>` or `<AWS::Pseudo>`. Here only pseudo parameters occur (partition, and in an
 * environment-agnostic stack the account and region).
 */
function namedAsCdkNag(stack: Stack, arn: string): string {
  const resolved = stack.resolve(arn) as unknown;
  if (typeof resolved === 'string') {
    return resolved;
  }
  const [, parts] = (resolved as { 'Fn::Join': [string, unknown[]] })['Fn::Join'];
  return parts.map(part => (typeof part === 'string' ? part : `<${(part as { Ref: string }).Ref}>`)).join('');
}
