import { statSync } from 'fs';
import { CfnResource, Stack, Token } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { customerKeysOf } from '../checks/code/encryption-keys';
import { handlerCode } from '../checks/code/function-code';
import { ViewsOfRun } from '../checks/views-of-run';
import { secureValidationError } from '../core/errors';
import { actionsOfHandler } from '../policy/code/handler-actions';
import { kmsActionsOf } from '../policy/code/kms-dependent-actions';
import { servicePrefixOf } from '../policy/code/sdk-actions';
import { SdkCall } from '../policy/code/sdk-calls';
import { findAction } from '../policy/iam/catalogue';

/** How the ARN of each resource type a call can name is written: its `Ref`, or its `Arn` attribute. */
const ARN_OF_TYPE: { readonly [type: string]: 'Ref' | 'Arn' } = {
  'AWS::DynamoDB::Table': 'Arn',
  'AWS::DynamoDB::GlobalTable': 'Arn',
  'AWS::SQS::Queue': 'Arn',
  'AWS::S3::Bucket': 'Arn',
  'AWS::Kinesis::Stream': 'Arn',
  'AWS::Lambda::Function': 'Arn',
  'AWS::Events::EventBus': 'Arn',
  'AWS::KMS::Key': 'Arn',
  'AWS::SNS::Topic': 'Ref',
  'AWS::SecretsManager::Secret': 'Ref',
  'AWS::StepFunctions::StateMachine': 'Ref',
};

/** What a function to derive grants for is made of, as its props say. */
export interface CodeGrantSource {
  readonly code: lambda.Code;
  readonly runtime: lambda.Runtime;
  readonly handler: string;
  readonly environment?: { readonly [name: string]: string };
}

/**
 * Adds to the function's role exactly the actions its handler code calls, each on the resource
 * that the environment variable the call reads names (`TableName=os.environ['TABLE']` → that
 * table's ARN; object actions on `bucket/*`, index reads on `table/index/*`), with the KMS actions
 * the call needs on that resource's customer managed key. An action whose only resource is `*`
 * in the IAM catalogue (`xray:PutTraceSegments`) is granted on `*`.
 *
 * Throws a ValidationError when the code cannot be read (neither inline nor an asset folder, or
 * another runtime than Node.js or Python), when part of it calls AWS in a way the analysis cannot
 * resolve, or when a call names no resource of the stack: naming the call, its file and line.
 */
export function grantFromCode(fn: lambda.Function, source: CodeGrantSource): void {
  const code = codeOf(fn, source);
  const actions = actionsOfHandler(code.reader, code.entry);
  const [unknown] = actions.unknown;
  if (unknown !== undefined) {
    throw refused(fn, `${unknown.file}${unknown.line > 0 ? `:${unknown.line}` : ''}: ${unknown.reason}, so its grants cannot be derived from it.`);
  }
  const stack = Stack.of(fn);
  const views = new ViewsOfRun([]);
  const resources = views.resourcesOf(stack);
  const keys = views.resourcesOf(stack, 'AWS::KMS::Key').map(key => views.view(key));
  const byResource = new Map<string, { readonly resources: string[]; readonly actions: Set<string> }>();
  const grant = (resourceArns: string[], action: string) => {
    const id = JSON.stringify(stack.resolve(resourceArns));
    const known = byResource.get(id) ?? { resources: resourceArns, actions: new Set<string>() };
    known.actions.add(action);
    byResource.set(id, known);
  };
  for (const { action, calls } of actions.used) {
    for (const call of calls) {
      const named = namedResources(stack, resources, source.environment ?? {}, call);
      if (named.length === 0) {
        if (findAction(action)?.resourceTypes.length === 0) {
          grant(['*'], action);
          continue;
        }
        throw refused(fn, `${call.file}:${call.line} calls ${action}, and no environment variable the call reads names a resource of the stack.`);
      }
      for (const resource of named) {
        const arn = ARN_OF_TYPE[resource.cfnResourceType] === 'Ref' ? resource.ref : resource.getAtt('Arn').toString();
        grant(arnsFor(resource.cfnResourceType, arn, action), action);
        for (const key of customerKeysOf(views.view(resource), keys)) {
          for (const kmsAction of kmsActionsOf(action, `${servicePrefixOf(call.sdkPackage)}:${call.operation}`)) {
            grant([key.node.getAtt('Arn').toString()], kmsAction);
          }
        }
      }
    }
  }
  for (const { resources: arns, actions: granted } of byResource.values()) {
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: [...granted].sort(), resources: arns }));
  }
}

function codeOf(fn: lambda.Function, source: CodeGrantSource) {
  const config = source.code instanceof lambda.InlineCode ? source.code.bind(fn) : undefined;
  const folder = source.code instanceof lambda.AssetCode && isFolder(source.code.path) ? source.code.path : undefined;
  const code = handlerCode(source.runtime.name, source.handler, config?.inlineCode, folder);
  if (code === undefined) {
    throw refused(fn, `its code (${source.runtime.name}, handler '${source.handler}') is not inline code or an asset folder of a Node.js or Python handler the analysis can read.`);
  }
  return code;
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** The resources of the stack the environment variables of a call name, of the call's service. */
function namedResources(stack: Stack, resources: readonly CfnResource[], environment: { readonly [name: string]: string },
  call: SdkCall): CfnResource[] {
  const service = servicePrefixOf(call.sdkPackage);
  const named: CfnResource[] = [];
  for (const variable of call.environmentVariables) {
    const value = environment[variable];
    if (value === undefined || !Token.isUnresolved(value)) {
      continue;
    }
    const text = JSON.stringify(stack.resolve(value));
    for (const resource of resources) {
      const logicalId = stack.resolve(resource.logicalId) as string;
      const refers = text.includes(`{"Ref":"${logicalId}"}`) || text.includes(`{"Fn::GetAtt":["${logicalId}",`);
      if (refers && resource.cfnResourceType.split('::')[1]?.toLowerCase() === service && ARN_OF_TYPE[resource.cfnResourceType] !== undefined) {
        named.push(resource);
      }
    }
  }
  return [...new Set(named)];
}

/** The ARNs an action needs on a resource: S3 object actions on `bucket/*`, DynamoDB index reads on `table/index/*` too. */
function arnsFor(type: string, arn: string, action: string): string[] {
  const resourceTypes = findAction(action)?.resourceTypes.map(resourceType => resourceType.name) ?? [];
  if (type === 'AWS::S3::Bucket') {
    return resourceTypes.includes('object') ? [`${arn}/*`] : [arn];
  }
  if (type.startsWith('AWS::DynamoDB::') && resourceTypes.includes('index')) {
    return [arn, `${arn}/index/*`];
  }
  return [arn];
}

function refused(fn: lambda.Function, problem: string): Error {
  return secureValidationError(fn, 'GrantsFromCodeUnresolved', `grantsFromCode: ${problem}`,
    'Name each resource the code calls through an environment variable of the function (TABLE_NAME: table.tableName), '
    + 'or leave grantsFromCode unset and grant by hand (table.grantReadData(fn)).');
}
