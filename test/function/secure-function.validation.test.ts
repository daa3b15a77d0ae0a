import { Duration } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as signer from 'aws-cdk-lib/aws-signer';
import * as sns from 'aws-cdk-lib/aws-sns';
import { SecureFunctionProps } from '../../src';
import { securityFindings } from '../checks/helpers';
import { errorOf, expectValidationError, LATEST_NODE, newStack } from '../helpers';
import { FUNCTION_VARIANTS } from './variants';

// Every test runs for each variant: the posture is one module, and this proves it is applied the same.
describe.each(FUNCTION_VARIANTS)('%s', (_variant, makeFunction) => {
  /** Builds a function with the given props and returns the error it throws. */
  function errorFor(props: Partial<SecureFunctionProps>): Error {
    return errorOf(() => makeFunction(newStack(), 'Fn', { ...props }));
  }

  describe('SecureFunction refuses bad input', () => {
    test.each([
      ['a cap of 0', { reservedConcurrentExecutions: 0 }, /reservedConcurrentExecutions is 0/],
      ['a negative cap', { reservedConcurrentExecutions: -1 }, /reservedConcurrentExecutions is -1/],
      ['a fractional cap', { reservedConcurrentExecutions: 2.5 }, /reservedConcurrentExecutions is 2.5/],
      // What the pack's LambdaReservedConcurrency flags: above the default account quota the account throttles first.
      ['a cap above the account quota', { reservedConcurrentExecutions: 1001 }, /reservedConcurrentExecutions is 1001; above Lambda's default account quota of 1000.*caps nothing.*Fix: set reservedConcurrentExecutions to at most 1000/],
      ['a cap and allowUncappedConcurrency together', { reservedConcurrentExecutions: 5, allowUncappedConcurrency: 'quota' }, /both set/],
      ['an empty allowUncappedConcurrency reason', { allowUncappedConcurrency: '  ' }, /allowUncappedConcurrency is empty/],
      ['an empty allowPublicUrl reason', { allowPublicUrl: '' }, /allowPublicUrl is empty/],
      ['memory below 128 MB', { memorySize: 64 }, /memorySize is 64 MB/],
      ['memory above 10240 MB', { memorySize: 20000 }, /memorySize is 20000 MB/],
      ['a timeout under a second', { timeout: Duration.millis(500) }, /timeout is 500 millis/],
      ['a timeout of a fraction of seconds', { timeout: Duration.millis(1500) }, /timeout is 1 second 500 millis/],
      ['a timeout over 15 minutes', { timeout: Duration.minutes(16) }, /timeout is 16 minutes/],
      ['the deprecated logRetention', { logRetention: logs.RetentionDays.ONE_DAY }, /logRetention creates a CDK helper function/],
      ['an empty signingProfiles list', { signingProfiles: [] }, /signingProfiles is an empty list/],
      ['a public subnet', { allowPublicSubnet: true }, /allowPublicSubnet is true/],
      ['an unknown nonSecretEnvironmentVariables name', { nonSecretEnvironmentVariables: ['NOPE'] }, /lists 'NOPE', which is not in environment/],
      ['a deprecated runtime', { runtime: lambda.Runtime.NODEJS_18_X }, new RegExp(`runtime nodejs18.x was deprecated on 2025-09-01.*Fix: set runtime to ${LATEST_NODE.name}`)],
    ])('fails on %s', (_name, props, message) => {
      expectValidationError(errorFor(props as Partial<SecureFunctionProps>), 'TestStack/Fn', message);
    });

    test('accepts a cap of exactly the account quota, which caps where the quota was raised (near miss of ConcurrencyCapsNothing)', () => {
      const stack = newStack();
      makeFunction(stack, 'Fn', { reservedConcurrentExecutions: 1000 });

      Template.fromStack(stack).hasResourceProperties('AWS::Lambda::Function', { ReservedConcurrentExecutions: 1000 });
      expect(securityFindings(stack, 'LambdaReservedConcurrency')).toEqual([]);
    });

    test('fails on an alarm topic when alarms are off', () => {
      const stack = newStack();
      const alarmTopic = new sns.Topic(stack, 'Topic');

      expect(() => makeFunction(stack, 'Fn', { alarms: false, alarmTopic }))
        .toThrow(/TestStack\/Fn: alarmTopic is set but alarms is false/);
    });

    test('fails on a logGroup and a logGroupRetention together', () => {
      const stack = newStack();
      const logGroup = new logs.LogGroup(stack, 'Logs');

      expect(() => makeFunction(stack, 'Fn', { logGroup, logGroupRetention: logs.RetentionDays.ONE_DAY }))
        .toThrow(/TestStack\/Fn: logGroup and logGroupRetention are both set/);
    });

    test('fails on signingProfiles and codeSigningConfig together', () => {
      const stack = newStack();
      const profile = new signer.SigningProfile(stack, 'Profile', { platform: signer.Platform.AWS_LAMBDA_SHA384_ECDSA });
      const codeSigningConfig = new lambda.CodeSigningConfig(stack, 'Config', { signingProfiles: [profile] });

      expect(() => makeFunction(stack, 'Fn', { signingProfiles: [profile], codeSigningConfig }))
        .toThrow(/TestStack\/Fn: signingProfiles and codeSigningConfig are both set/);
    });

    test('fails on a public subnet even in a VPC that has one', () => {
      const stack = newStack();
      const vpc = new ec2.Vpc(stack, 'Vpc');

      expect(() => makeFunction(stack, 'Fn', {
        vpc, vpcSubnets: { subnetType: ec2.SubnetType.PUBLIC }, allowPublicSubnet: true,
      })).toThrow(/allowPublicSubnet is true/);
    });
  });
});
