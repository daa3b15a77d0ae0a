import { Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import { IConstruct } from 'constructs';
import { privateVpc, rotationFunction } from './fixtures';
import { SecureSecret } from '../../src/secrets';
import { securityFindings } from '../checks/helpers';
import { nagFindings, newStack } from '../helpers';

/** Every acknowledgement under a path, as `path ruleId` lines. */
function acknowledgementsUnder(scope: IConstruct, prefix: string): string[] {
  return scope.node.findAll()
    .filter(construct => construct.node.path.startsWith(prefix))
    .flatMap(construct => construct.node.metadata
      .filter(entry => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap(entry => Object.keys(entry.data).map(id => `${construct.node.path} ${id.replace(/^annotation::/i, '')}`)))
    .sort();
}

describe('SecureSecret under the cdk-nag packs and ServerlessSecurityChecks', () => {
  test('with a hosted rotation: zero findings on the whole app', () => {
    const stack = newStack();
    new SecureSecret(stack, 'Secret', { hostedRotation: secretsmanager.HostedRotation.postgreSqlSingleUser() });

    expect(nagFindings(stack.node.root)).toEqual([]);
    expect(securityFindings(stack.node.root)).toEqual([]);
  });

  test('with a rotation function in a VPC: zero findings on the whole app', () => {
    const stack = newStack();
    new SecureSecret(stack, 'Secret', { rotationFunction: rotationFunction(stack, privateVpc(stack)) });

    expect(nagFindings(stack.node.root)).toEqual([]);
    expect(securityFindings(stack.node.root)).toEqual([]);
  });

  test('with a rotation function outside a VPC: only the compliance packs\' LambdaInsideVPC, on the function', () => {
    const stack = newStack();
    new SecureSecret(stack, 'Secret', { rotationFunction: rotationFunction(stack) });

    expect(nagFindings(stack.node.root, [new AwsSolutionsChecks(), new ServerlessChecks()])).toEqual([]);
    expect(nagFindings(stack.node.root)).toEqual([
      'HIPAA.Security-LambdaInsideVPC TestStack/Rotator/Resource',
      'NIST.800.53.R4-LambdaInsideVPC TestStack/Rotator/Resource',
      'NIST.800.53.R5-LambdaInsideVPC TestStack/Rotator/Resource',
      'PCI.DSS.321-LambdaInsideVPC TestStack/Rotator/Resource',
    ]);
    expect(securityFindings(stack.node.root)).toEqual([]);
  });

  test('with allowNoRotation: zero findings on the whole app', () => {
    const stack = newStack();
    new SecureSecret(stack, 'Secret', { allowNoRotation: 'A vendor API key, changed by hand in the vendor console.' });

    expect(nagFindings(stack.node.root)).toEqual([]);
    expect(securityFindings(stack.node.root)).toEqual([]);
  });

  test('a plain secretsmanager.Secret is flagged, so the packs do look', () => {
    const stack = newStack();
    new secretsmanager.Secret(stack, 'Secret');

    expect(nagFindings(stack.node.root)).toEqual(expect.arrayContaining([
      'AwsSolutions-SMG4 TestStack/Secret/Resource',
      'HIPAA.Security-SecretsManagerRotationEnabled TestStack/Secret/Resource',
      'HIPAA.Security-SecretsManagerUsingKMSKey TestStack/Secret/Resource',
      'NIST.800.53.R5-SecretsManagerRotationEnabled TestStack/Secret/Resource',
      'PCI.DSS.321-SecretsManagerUsingKMSKey TestStack/Secret/Resource',
    ]));
    expect(securityFindings(stack.node.root)).toEqual([
      'SecureServerless-SecretRotation TestStack/Secret/Resource',
      'SecureServerless-SecretCustomerManagedKey TestStack/Secret/Resource',
    ]);
  });

  test('the acknowledgements are exactly the documented ones, each on its own resource', () => {
    const stack = newStack();
    new SecureSecret(stack, 'Secret', { rotationFunction: rotationFunction(stack) });
    new SecureSecret(stack, 'Hosted', { hostedRotation: secretsmanager.HostedRotation.mysqlSingleUser() });

    expect(acknowledgementsUnder(stack, 'TestStack/Secret')).toEqual([]);
    expect(acknowledgementsUnder(stack, 'TestStack/Hosted')).toEqual([]);
    expect(acknowledgementsUnder(stack, 'TestStack/Rotator/ServiceRole/RandomPasswordPolicy')).toEqual([
      'TestStack/Rotator/ServiceRole/RandomPasswordPolicy/Resource AwsSolutions-IAM5[Resource::*]',
    ]);
  });

  test('a wildcard the user adds to the rotation function is still reported', () => {
    const stack = newStack();
    const fn = rotationFunction(stack);
    new SecureSecret(stack, 'Secret', { rotationFunction: fn });
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['secretsmanager:GetSecretValue'], resources: ['*'] }));

    expect(nagFindings(stack.node.root, [new AwsSolutionsChecks()])).toEqual([
      'AwsSolutions-IAM5[Resource::*] TestStack/Rotator/ServiceRole/ExecutionPolicy/Resource',
    ]);
  });
});
