import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { securityFindings } from './helpers';
import { AlarmTopic, SecureFunction, StackKey } from '../../src';
import { minimalFunctionProps, newStack } from '../helpers';

describe('the library\'s own constructs under ServerlessSecurityChecks', () => {
  test('a SecureFunction at its defaults has no finding, not even a warning', () => {
    const stack = newStack();
    new SecureFunction(stack, 'Fn', minimalFunctionProps);

    expect(securityFindings(stack.node.root)).toEqual([]);
  });

  test('a SecureFunction in a VPC has no finding', () => {
    const stack = newStack();
    const vpc = new ec2.Vpc(stack, 'Vpc', { subnetConfiguration: [{ name: 'app', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }] });
    new SecureFunction(stack, 'Fn', { ...minimalFunctionProps, vpc });

    expect(securityFindings(stack.node.root)).toEqual([]);
  });

  test('the stack key and the alarm topic have no finding', () => {
    const stack = newStack();
    StackKey.of(stack);
    AlarmTopic.of(stack);

    expect(securityFindings(stack.node.root)).toEqual([]);
  });

  test('a public function URL with allowPublicUrl carries its reason instead of a finding', () => {
    const stack = newStack();
    const fn = new SecureFunction(stack, 'Fn', { ...minimalFunctionProps, allowPublicUrl: 'webhook signed with HMAC' });
    fn.addFunctionUrl({ authType: lambda.FunctionUrlAuthType.NONE });

    expect(securityFindings(stack.node.root)).toEqual([]);
  });

  test('loosening a default is reported: without a cap, the pack says so', () => {
    const stack = newStack();
    new SecureFunction(stack, 'Fn', { ...minimalFunctionProps, allowUncappedConcurrency: 'account quota is 10' });

    expect(securityFindings(stack.node.root)).toEqual(['SecureServerless-LambdaReservedConcurrency TestStack/Fn/Resource']);
  });
});
