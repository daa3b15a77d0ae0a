import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { AwsSolutionsChecks } from 'cdk-nag';
import { SecureFunction, SecureTable, ServerlessSecurityChecks } from '../../src';
import { errorOf, expectValidationError, minimalFunctionProps, nagFindings } from '../helpers';

const partitionKey = { name: 'pk', type: dynamodb.AttributeType.STRING };

/** A stack without `env`, as `cdk init` and the README's quick start write it. */
function agnosticStack(): Stack {
  return new Stack(new App(), 'Agnostic');
}

describe('SecureTable in an environment-agnostic stack', () => {
  test('synthesizes at defaults, its own replica encrypted with the stack key', () => {
    const stack = agnosticStack();
    new SecureTable(stack, 'Orders', { partitionKey });
    const template = Template.fromStack(stack);
    const [keyId] = Object.keys(template.findResources('AWS::KMS::Key'));
    template.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      SSESpecification: { SSEEnabled: true, SSEType: 'KMS' },
      Replicas: [{ Region: { Ref: 'AWS::Region' }, SSESpecification: { KMSMasterKeyId: { 'Fn::GetAtt': [keyId, 'Arn'] } } }],
    });
  });

  test('a function granted read and write on it synthesizes and gives no table finding from AwsSolutions and none from our pack', () => {
    const stack = agnosticStack();
    const table = new SecureTable(stack, 'Orders', { partitionKey });
    const fn = new SecureFunction(stack, 'Fn', { ...minimalFunctionProps, code: lambda.Code.fromInline('exports.handler = async () => ({});') });
    table.grantReadWriteData(fn);
    Template.fromStack(stack);
    expect(nagFindings(stack, [new ServerlessSecurityChecks()])).toEqual([]);
    expect(nagFindings(stack, [new AwsSolutionsChecks()]).filter(finding => finding.includes('/Orders'))).toEqual([]);
  });

  test('fails if replicas are set, naming the prop and the fix (a stack env)', () => {
    const stack = agnosticStack();
    const error = errorOf(() => new SecureTable(stack, 'Orders', {
      partitionKey,
      encryption: dynamodb.TableEncryptionV2.customerManagedKey(new kms.Key(stack, 'Key', { enableKeyRotation: true }), {
        'us-east-1': 'arn:aws:kms:us-east-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab',
      }),
      replicas: [{ region: 'us-east-1' }],
    }));
    expectValidationError(error, 'Agnostic/Orders', /replicas are set in an environment-agnostic stack.*Fix: give the stack an env/);
  });
});
