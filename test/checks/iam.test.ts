import { App, CfnResource, Fn, Stack, Validations } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as eventSources from 'aws-cdk-lib/aws-lambda-event-sources';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { securityFindings } from './helpers';
import { SecureFunction } from '../../src';
import { IAM_RULES } from '../../src/checks/rules/iam';
import { ruleName } from '../../src/checks/security-rule';
import { hasNoResourceScope } from '../../src/policy/iam/actions-without-resource-scope';
import { LATEST_NODE } from '../helpers';

function newStack(): Stack {
  return new Stack(new App(), 'S', { env: { account: '111111111111', region: 'eu-west-1' } });
}

const code = lambda.Code.fromInline('exports.handler = async () => ({ statusCode: 200 });');
const functionProps = { code, handler: 'index.handler', runtime: LATEST_NODE };

/** A role a Lambda function could assume, to hang policies on. */
function newRole(stack: Stack, id = 'Role'): iam.Role {
  return new iam.Role(stack, id, { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
}

/** The findings of this file's rules only. */
function iamFindings(stack: Stack): string[] {
  const names = IAM_RULES.map(ruleName);
  return securityFindings(stack).filter(finding => names.some(name => new RegExp(`^SecureServerless-${name}[[ ]`).test(finding)));
}

describe('IAM_RULES', () => {
  test('lists the six IAM rules, each with what, why and fix', () => {
    expect(IAM_RULES.map(ruleName)).toEqual(['IAMWildcardAction', 'IAMActionOnAnyResource', 'IAMAwsManagedAdminPolicy', 'IAMPassRoleOnAnyResource', 'IAMPrivilegeEscalation', 'IAMRoleTrustsAnyone']);
    expect(IAM_RULES.map(rule => rule.risk)).toEqual(['least-privilege', 'least-privilege', 'least-privilege', 'least-privilege', 'least-privilege', 'public-access']);
    for (const rule of IAM_RULES) {
      expect(rule.level).toBe('Error');
      for (const text of [rule.what, rule.why, rule.fix]) {
        expect(text.length).toBeGreaterThan(20);
      }
    }
  });
});

describe('IAMWildcardAction', () => {
  test('flags service:* in a role\'s default policy, one finding per action', () => {
    const stack = newStack();
    const bucket = new s3.Bucket(stack, 'Bucket');
    newRole(stack).addToPolicy(new iam.PolicyStatement({ actions: ['s3:*', 'sqs:SendMessage'], resources: [bucket.bucketArn] }));

    expect(securityFindings(stack, 'IAMWildcardAction')).toEqual(['SecureServerless-IAMWildcardAction[Action::s3:*] S/Role/DefaultPolicy/Resource']);
  });

  test('flags * in a customer-managed policy', () => {
    const stack = newStack();
    new iam.ManagedPolicy(stack, 'Policy', {
      statements: [new iam.PolicyStatement({ actions: ['*'], resources: ['arn:aws:s3:::data/*'] })],
    });

    expect(securityFindings(stack, 'IAMWildcardAction')).toEqual(['SecureServerless-IAMWildcardAction[Action::*] S/Policy/Resource']);
  });

  test('flags NotAction in the inline policies of a role, user and group, one finding per value', () => {
    const stack = newStack();
    const policies = [{
      policyName: 'EverythingButIam',
      policyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', NotAction: ['iam:*', 'organizations:*'], Resource: '*' }] },
    }];
    new iam.CfnRole(stack, 'Role', { assumeRolePolicyDocument: {}, policies });
    new iam.CfnUser(stack, 'User', { policies });
    new iam.CfnGroup(stack, 'Group', { policies });

    expect(securityFindings(stack, 'IAMWildcardAction')).toEqual([
      'SecureServerless-IAMWildcardAction[NotAction::iam:*] S/Role',
      'SecureServerless-IAMWildcardAction[NotAction::iam:*] S/User',
      'SecureServerless-IAMWildcardAction[NotAction::iam:*] S/Group',
      'SecureServerless-IAMWildcardAction[NotAction::organizations:*] S/Role',
      'SecureServerless-IAMWildcardAction[NotAction::organizations:*] S/User',
      'SecureServerless-IAMWildcardAction[NotAction::organizations:*] S/Group',
    ]);
  });

  test('reads a plain CfnResource with a policy document as JSON text, and an AWS::IAM::RolePolicy', () => {
    const stack = newStack();
    new CfnResource(stack, 'Policy', {
      type: 'AWS::IAM::Policy',
      properties: {
        PolicyName: 'p',
        Roles: ['r'],
        PolicyDocument: JSON.stringify({ Statement: [{ Effect: 'Allow', Action: 'dynamodb:*', Resource: '*' }] }),
      },
    });
    new iam.CfnRolePolicy(stack, 'RolePolicy', {
      roleName: 'r',
      policyName: 'q',
      policyDocument: { Statement: [{ Effect: 'Allow', Action: 'lambda:*', Resource: '*' }] },
    });

    expect(securityFindings(stack, 'IAMWildcardAction')).toEqual([
      'SecureServerless-IAMWildcardAction[Action::dynamodb:*] S/Policy',
      'SecureServerless-IAMWildcardAction[Action::lambda:*] S/RolePolicy',
    ]);
  });

  test('an acknowledgement names exactly one action', () => {
    const stack = newStack();
    newRole(stack).addToPolicy(new iam.PolicyStatement({ actions: ['s3:*', 'sqs:*'], resources: ['*'] }));
    const policy = stack.node.findChild('Role').node.findChild('DefaultPolicy').node.defaultChild!;
    Validations.of(policy).acknowledge({ id: 'SecureServerless-IAMWildcardAction[Action::s3:*]', reason: 'test' });

    expect(securityFindings(stack, 'IAMWildcardAction')).toEqual(['SecureServerless-IAMWildcardAction[Action::sqs:*] S/Role/DefaultPolicy/Resource']);
  });

  test('near-miss: the partial wildcards of the CDK\'s own grants are not flagged', () => {
    const stack = newStack();
    const role = newRole(stack);
    const key = new kms.Key(stack, 'Key', { enableKeyRotation: true });
    new s3.Bucket(stack, 'Bucket', { encryptionKey: key }).grantReadWrite(role);
    key.grantEncryptDecrypt(role);
    new dynamodb.Table(stack, 'Table', { partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING } }).grantReadData(role);

    expect(securityFindings(stack, 'IAMWildcardAction')).toEqual([]);
  });

  test('near-miss: a Deny statement with * is not flagged', () => {
    const stack = newStack();
    newRole(stack).addToPolicy(new iam.PolicyStatement({
      effect: iam.Effect.DENY,
      actions: ['*'],
      resources: ['*'],
      conditions: { Bool: { 'aws:SecureTransport': 'false' } },
    }));

    expect(securityFindings(stack, 'IAMWildcardAction')).toEqual([]);
  });

  test('near-miss: the trust policy of a role is not an identity policy', () => {
    const stack = newStack();
    new iam.CfnRole(stack, 'Role', {
      assumeRolePolicyDocument: { Statement: [{ Effect: 'Allow', Action: 'sts:*', Principal: { Service: 'lambda.amazonaws.com' } }] },
    });

    expect(securityFindings(stack, 'IAMWildcardAction')).toEqual([]);
  });

  test('compliant: exact actions', () => {
    const stack = newStack();
    const bucket = new s3.Bucket(stack, 'Bucket');
    newRole(stack).addToPolicy(new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: [bucket.arnForObjects('*')] }));

    expect(securityFindings(stack, 'IAMWildcardAction')).toEqual([]);
  });
});

describe('IAMActionOnAnyResource', () => {
  test('flags an action that supports resource-level permissions on *, one finding per action', () => {
    const stack = newStack();
    newRole(stack).addToPolicy(new iam.PolicyStatement({
      actions: ['dynamodb:GetItem', 'dynamodb:PutItem', 'xray:PutTraceSegments'],
      resources: ['*'],
    }));

    expect(securityFindings(stack, 'IAMActionOnAnyResource')).toEqual([
      'SecureServerless-IAMActionOnAnyResource[Action::dynamodb:GetItem] S/Role/DefaultPolicy/Resource',
      'SecureServerless-IAMActionOnAnyResource[Action::dynamodb:PutItem] S/Role/DefaultPolicy/Resource',
    ]);
  });

  test('flags a List action that has a resource type (s3:ListBucket): List* is no blanket pass', () => {
    const stack = newStack();
    new iam.ManagedPolicy(stack, 'Policy', {
      statements: [new iam.PolicyStatement({ actions: ['s3:ListBucket', 's3:ListAllMyBuckets'], resources: ['*'] })],
    });

    expect(securityFindings(stack, 'IAMActionOnAnyResource')).toEqual(['SecureServerless-IAMActionOnAnyResource[Action::s3:ListBucket] S/Policy/Resource']);
  });

  test('judges a pattern by the catalogue: xray:Put* on * grants only actions whose one resource is *, but includes permissions management', () => {
    const stack = newStack();
    newRole(stack).addToPolicy(new iam.PolicyStatement({ actions: ['xray:Put*'], resources: ['*'] }));

    expect(securityFindings(stack, 'IAMActionOnAnyResource')).toEqual([]);
    expect(securityFindings(stack, 'IAMWildcardAction')).toEqual(['SecureServerless-IAMWildcardAction[Action::xray:Put*] S/Role/DefaultPolicy/Resource']);
  });

  test('flags NotResource, which is every resource but a few', () => {
    const stack = newStack();
    new iam.CfnManagedPolicy(stack, 'Policy', {
      policyDocument: { Statement: [{ Effect: 'Allow', Action: 'sqs:SendMessage', NotResource: 'arn:aws:sqs:eu-west-1:111111111111:audit' }] },
    });

    expect(securityFindings(stack, 'IAMActionOnAnyResource')).toEqual(['SecureServerless-IAMActionOnAnyResource[Action::sqs:SendMessage] S/Policy']);
  });

  test('flags service:* on * here too (IAMWildcardAction reports the wildcard, this rule the resource)', () => {
    const stack = newStack();
    newRole(stack).addToPolicy(new iam.PolicyStatement({ actions: ['s3:*'], resources: ['*'] }));

    expect(iamFindings(stack)).toEqual([
      'SecureServerless-IAMWildcardAction[Action::s3:*] S/Role/DefaultPolicy/Resource',
      'SecureServerless-IAMActionOnAnyResource[Action::s3:*] S/Role/DefaultPolicy/Resource',
    ]);
  });

  test('near-miss: actions without resource-level permissions on * are not flagged', () => {
    const stack = newStack();
    newRole(stack).addToPolicy(new iam.PolicyStatement({
      actions: [
        'xray:PutTraceSegments', 'xray:PutTelemetryRecords', 'xray:GetSamplingRules', 'xray:GetSamplingTargets',
        'ec2:CreateNetworkInterface', 'ec2:DescribeNetworkInterfaces', 'ec2:DescribeSubnets', 'ec2:DeleteNetworkInterface',
        'ec2:AssignPrivateIpAddresses', 'ec2:UnassignPrivateIpAddresses', 'ec2:Describe*', 'ec2:DescribeVpcs',
        'cloudwatch:PutMetricData', 'sts:GetCallerIdentity',
        's3:ListAllMyBuckets', 'sqs:ListQueues', 'sns:ListTopics', 'lambda:ListFunctions', 'dynamodb:ListTables',
        'logs:DescribeLogGroups', 'kms:ListKeys', 'kms:ListAliases', 'secretsmanager:ListSecrets', 'ssm:DescribeParameters',
        'states:ListStateMachines', 'events:ListRules', 'iam:ListRoles',
      ],
      resources: ['*'],
    }));

    expect(securityFindings(stack, 'IAMActionOnAnyResource')).toEqual([]);
  });

  test('near-miss: the * grants the CDK writes for a DynamoDB stream event source and for Step Functions logging are not flagged', () => {
    const stack = newStack();
    const fn = new lambda.Function(stack, 'Fn', functionProps);
    const table = new dynamodb.Table(stack, 'Table', {
      partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING },
      stream: dynamodb.StreamViewType.NEW_IMAGE,
    });
    fn.addEventSource(new eventSources.DynamoEventSource(table, { startingPosition: lambda.StartingPosition.LATEST }));
    new sfn.StateMachine(stack, 'Machine', {
      definitionBody: sfn.DefinitionBody.fromChainable(new sfn.Pass(stack, 'Pass')),
      logs: { destination: new logs.LogGroup(stack, 'MachineLogs'), level: sfn.LogLevel.ALL },
      tracingEnabled: true,
    });

    expect(securityFindings(stack, 'IAMActionOnAnyResource')).toEqual([]);
  });

  test('the accepted list matches case-insensitively and accepts no other pattern', () => {
    expect(hasNoResourceScope('XRay:PutTraceSegments')).toBe(true);
    expect(hasNoResourceScope('ec2:DescribeInstances')).toBe(true);
    expect(hasNoResourceScope('ec2:Desc*')).toBe(false);
    expect(hasNoResourceScope('ec2:*')).toBe(false);
    expect(hasNoResourceScope('s3:List*')).toBe(false);
    expect(hasNoResourceScope('dynamodb:DescribeTable')).toBe(false);
  });

  test('near-miss: a Condition-scoped * is not flagged', () => {
    const stack = newStack();
    newRole(stack).addToPolicy(new iam.PolicyStatement({
      actions: ['dynamodb:GetItem'],
      resources: ['*'],
      conditions: { StringEquals: { 'aws:ResourceTag/team': 'payments' } },
    }));

    expect(securityFindings(stack, 'IAMActionOnAnyResource')).toEqual([]);
  });

  test('near-miss: iam:PassRole on * is left to IAMPassRoleOnAnyResource, not reported twice', () => {
    const stack = newStack();
    newRole(stack).addToPolicy(new iam.PolicyStatement({ actions: ['iam:PassRole'], resources: ['*'] }));

    expect(iamFindings(stack)).toEqual(['SecureServerless-IAMPassRoleOnAnyResource[Action::iam:PassRole] S/Role/DefaultPolicy/Resource']);
  });

  test('compliant: grants scoped to the resource', () => {
    const stack = newStack();
    const table = new dynamodb.Table(stack, 'Table', { partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING } });
    table.grantReadWriteData(newRole(stack));

    expect(securityFindings(stack, 'IAMActionOnAnyResource')).toEqual([]);
  });
});

describe('IAMAwsManagedAdminPolicy', () => {
  test('flags AdministratorAccess and a …FullAccess policy on a role, one finding per policy', () => {
    const stack = newStack();
    new iam.Role(stack, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      managedPolicies: [
        iam.ManagedPolicy.fromAwsManagedPolicyName('AdministratorAccess'),
        iam.ManagedPolicy.fromAwsManagedPolicyName('AmazonS3FullAccess'),
        iam.ManagedPolicy.fromAwsManagedPolicyName('service-role/AWSLambdaBasicExecutionRole'),
      ],
    });

    expect(securityFindings(stack, 'IAMAwsManagedAdminPolicy')).toEqual([
      'SecureServerless-IAMAwsManagedAdminPolicy[Policy::AdministratorAccess] S/Role/Resource',
      'SecureServerless-IAMAwsManagedAdminPolicy[Policy::AmazonS3FullAccess] S/Role/Resource',
    ]);
  });

  test('flags PowerUserAccess on a user and IAMFullAccess on a group, written as literal ARNs', () => {
    const stack = newStack();
    new iam.CfnUser(stack, 'User', { managedPolicyArns: ['arn:aws:iam::aws:policy/PowerUserAccess'] });
    new iam.CfnGroup(stack, 'Group', { managedPolicyArns: ['arn:aws-us-gov:iam::aws:policy/IAMFullAccess'] });

    expect(securityFindings(stack, 'IAMAwsManagedAdminPolicy')).toEqual([
      'SecureServerless-IAMAwsManagedAdminPolicy[Policy::PowerUserAccess] S/User',
      'SecureServerless-IAMAwsManagedAdminPolicy[Policy::IAMFullAccess] S/Group',
    ]);
  });

  test('flags a policy attached with Fn::Sub and keeps its path in the finding', () => {
    const stack = newStack();
    new iam.CfnRole(stack, 'Role', {
      assumeRolePolicyDocument: {},
      managedPolicyArns: [Fn.sub('arn:${AWS::Partition}:iam::aws:policy/service-role/AWSLambda_FullAccess')],
    });

    expect(securityFindings(stack, 'IAMAwsManagedAdminPolicy')).toEqual(['SecureServerless-IAMAwsManagedAdminPolicy[Policy::service-role/AWSLambda_FullAccess] S/Role']);
  });

  test('near-miss: AWSLambdaBasicExecutionRole, which lambda.Function attaches, is not flagged', () => {
    const stack = newStack();
    new lambda.Function(stack, 'Fn', functionProps);

    expect(securityFindings(stack, 'IAMAwsManagedAdminPolicy')).toEqual([]);
  });

  test('near-miss: a customer-managed policy of the account named AdministratorAccess is not an AWS managed policy', () => {
    const stack = newStack();
    new iam.Role(stack, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      managedPolicies: [iam.ManagedPolicy.fromManagedPolicyName(stack, 'Own', 'AdministratorAccess')],
    });

    expect(securityFindings(stack, 'IAMAwsManagedAdminPolicy')).toEqual([]);
  });
});

describe('IAMPassRoleOnAnyResource', () => {
  test('flags iam:PassRole and iam:Pass* on *', () => {
    const stack = newStack();
    newRole(stack).addToPolicy(new iam.PolicyStatement({ actions: ['iam:PassRole'], resources: ['*'] }));
    new iam.ManagedPolicy(stack, 'Policy', { statements: [new iam.PolicyStatement({ actions: ['iam:Pass*'], resources: ['*'] })] });

    expect(securityFindings(stack, 'IAMPassRoleOnAnyResource')).toEqual([
      'SecureServerless-IAMPassRoleOnAnyResource[Action::iam:PassRole] S/Role/DefaultPolicy/Resource',
      'SecureServerless-IAMPassRoleOnAnyResource[Action::iam:Pass*] S/Policy/Resource',
    ]);
  });

  test('flags it even with iam:PassedToService: the condition narrows where a role goes, not which role', () => {
    const stack = newStack();
    newRole(stack).addToPolicy(new iam.PolicyStatement({
      actions: ['iam:PassRole'],
      resources: ['*'],
      conditions: { StringEquals: { 'iam:PassedToService': 'lambda.amazonaws.com' } },
    }));

    expect(securityFindings(stack, 'IAMPassRoleOnAnyResource')).toEqual(['SecureServerless-IAMPassRoleOnAnyResource[Action::iam:PassRole] S/Role/DefaultPolicy/Resource']);
  });

  test('flags * and iam:* on *, which include iam:PassRole', () => {
    const stack = newStack();
    newRole(stack).addToPolicy(new iam.PolicyStatement({ actions: ['*'], resources: ['*'] }));
    newRole(stack, 'Other').addToPolicy(new iam.PolicyStatement({ actions: ['iam:*'], resources: ['*'] }));

    expect(securityFindings(stack, 'IAMPassRoleOnAnyResource')).toEqual([
      'SecureServerless-IAMPassRoleOnAnyResource[Action::*] S/Role/DefaultPolicy/Resource',
      'SecureServerless-IAMPassRoleOnAnyResource[Action::iam:*] S/Other/DefaultPolicy/Resource',
    ]);
  });

  test('flags a NotAction statement on * that does not exclude iam:PassRole', () => {
    const stack = newStack();
    new iam.CfnManagedPolicy(stack, 'Policy', {
      policyDocument: { Statement: [{ Effect: 'Allow', NotAction: 's3:*', Resource: '*' }] },
    });

    expect(securityFindings(stack, 'IAMPassRoleOnAnyResource')).toEqual(['SecureServerless-IAMPassRoleOnAnyResource[NotAction] S/Policy']);
  });

  test('near-miss: a NotAction statement that excludes iam:* does not allow PassRole', () => {
    const stack = newStack();
    new iam.CfnManagedPolicy(stack, 'Policy', {
      policyDocument: { Statement: [{ Effect: 'Allow', NotAction: ['iam:*'], Resource: '*' }] },
    });

    expect(securityFindings(stack, 'IAMPassRoleOnAnyResource')).toEqual([]);
  });

  test('compliant: role.grantPassRole names the one role', () => {
    const stack = newStack();
    newRole(stack, 'Passed').grantPassRole(newRole(stack));

    expect(securityFindings(stack, 'IAMPassRoleOnAnyResource')).toEqual([]);
  });
});

describe('the library\'s own pieces pass the IAM rules', () => {
  test('SecureFunction at its defaults: no finding, its X-Ray policy\'s * included', () => {
    const stack = newStack();
    new SecureFunction(stack, 'Fn', functionProps);

    expect(iamFindings(stack)).toEqual([]);
  });

  test('SecureFunction in a VPC: its network-interface policy\'s * is not flagged', () => {
    const stack = newStack();
    const vpc = new ec2.Vpc(stack, 'Vpc', {
      subnetConfiguration: [{ name: 'app', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }],
      restrictDefaultSecurityGroup: false,
    });
    const fn = new SecureFunction(stack, 'Fn', { ...functionProps, vpc });
    const table = new dynamodb.Table(stack, 'Table', { partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING } });
    table.grantReadWriteData(fn);

    expect(stack.node.tryFindChild('Fn')?.node.tryFindChild('ServiceRole')?.node.tryFindChild('NetworkInterfacePolicy')).toBeDefined();
    expect(iamFindings(stack)).toEqual([]);
  });
});
