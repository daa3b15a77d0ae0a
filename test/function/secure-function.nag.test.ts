import { Validations } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as signer from 'aws-cdk-lib/aws-signer';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import { securityFindings } from '../checks/helpers';
import { minimalFunctionProps, nagFindings, newStack, userVpc } from '../helpers';
import { FUNCTION_VARIANTS } from './variants';

// Every test runs for each variant: the posture is one module, and this proves it is applied the same.
describe.each(FUNCTION_VARIANTS)('%s', (_variant, makeFunction) => {
  describe('SecureFunction under the cdk-nag packs', () => {
    test('with a VPC: zero unacknowledged findings from all six packs on the whole app', () => {
      const stack = newStack();
      const vpc = userVpc(stack);
      makeFunction(stack, 'Fn', { vpc });

      expect(nagFindings(stack.node.root)).toEqual([]);
    });

    test('without a VPC: zero from AwsSolutions and Serverless', () => {
      const stack = newStack();
      makeFunction(stack, 'Fn');

      expect(nagFindings(stack.node.root, [new AwsSolutionsChecks(), new ServerlessChecks()])).toEqual([]);
    });

    test('without a VPC: the compliance packs report only that the function is outside a VPC', () => {
      const stack = newStack();
      makeFunction(stack, 'Fn');

      expect(nagFindings(stack.node.root)).toEqual([
        'HIPAA.Security-LambdaInsideVPC TestStack/Fn/Resource',
        'NIST.800.53.R4-LambdaInsideVPC TestStack/Fn/Resource',
        'NIST.800.53.R5-LambdaInsideVPC TestStack/Fn/Resource',
        'PCI.DSS.321-LambdaInsideVPC TestStack/Fn/Resource',
      ]);
    });

    test('a plain lambda.Function with the same props is flagged, so the packs do look', () => {
      const stack = newStack();
      new lambda.Function(stack, 'Fn', minimalFunctionProps);

      expect(nagFindings(stack.node.root, [new AwsSolutionsChecks(), new ServerlessChecks()])).toEqual(expect.arrayContaining([
        expect.stringMatching(/^AwsSolutions-IAM4/),
        expect.stringMatching(/^Serverless-LambdaDLQ/),
        expect.stringMatching(/^Serverless-LambdaTracing/),
      ]));
    });

    test('a wildcard the user adds is still reported: acknowledgements cover only the X-Ray policy', () => {
      const stack = newStack();
      const fn = makeFunction(stack, 'Fn');
      fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: ['*'] }));

      expect(nagFindings(stack.node.root, [new AwsSolutionsChecks()])).toEqual([
        'AwsSolutions-IAM5[Resource::*] TestStack/Fn/ServiceRole/ExecutionPolicy/Resource',
      ]);
    });

    test('with signingProfiles, code signing is enforced and not acknowledged', () => {
      const stack = newStack();
      const profile = new signer.SigningProfile(stack, 'Profile', { platform: signer.Platform.AWS_LAMBDA_SHA384_ECDSA });
      const fn = makeFunction(stack, 'Fn', { signingProfiles: [profile] });

      expect(JSON.stringify(fn.node.defaultChild!.node.metadata)).not.toContain('LambdaCodeSigning');
    });

    test('the acknowledgements are exactly the documented ones, each on its own resource', () => {
      const stack = newStack();
      const vpc = userVpc(stack);
      makeFunction(stack, 'Fn', { vpc });
      // The dead-letter-queue rules are acknowledged at synth, once the function is known to stay synchronous.
      Template.fromStack(stack);

      const acknowledged = stack.node.findAll()
        .filter(construct => construct.node.path.startsWith('TestStack/Fn') || construct.node.path.startsWith('TestStack/SecureServerlessTracingPolicy'))
        .flatMap(construct => construct.node.metadata
          .filter(entry => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
          .flatMap(entry => Object.keys(entry.data).map(id => `${construct.node.path} ${id.replace(/^annotation::/i, '')}`)));
      expect(acknowledged.sort()).toEqual([
        'TestStack/Fn/Resource HIPAA.Security-LambdaDLQ',
        'TestStack/Fn/Resource NIST.800.53.R5-LambdaDLQ',
        'TestStack/Fn/Resource SecureServerless-LambdaCodeSigning',
        'TestStack/Fn/Resource Serverless-LambdaDLQ',
        'TestStack/Fn/ServiceRole/NetworkInterfacePolicy/Resource AwsSolutions-IAM5[Resource::*]',
        'TestStack/SecureServerlessTracingPolicy/Resource AwsSolutions-IAM5[Resource::*]',
      ]);
    });

    test('invoked asynchronously: its dead-letter queue, acknowledged for having no redrive policy of its own, and zero findings', () => {
      const stack = newStack();
      const fn = makeFunction(stack, 'Fn', { vpc: userVpc(stack) });
      new events.Rule(stack, 'Nightly', { schedule: events.Schedule.cron({ hour: '3', minute: '0' }), targets: [new targets.LambdaFunction(fn)] });
      // cdk synth runs the validation plugins after synthesis, which adds the queue.
      Template.fromStack(stack);

      const queue = stack.node.findChild('Fn').node.findChild('DeadLetterQueue').node.defaultChild!;
      const acknowledged = queue.node.metadata
        .filter(entry => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
        .flatMap(entry => Object.keys(entry.data).map(id => id.replace(/^annotation::/i, '')));
      // AwsSolutions-SQS3 passes a queue that is a function's dead-letter queue: nothing to acknowledge.
      expect(acknowledged).toEqual(['Serverless-SQSRedrivePolicy']);
      // The function has its queue: the dead-letter-queue rules pass it, and acknowledging them would be stale.
      expect(JSON.stringify(stack.node.findChild('Fn').node.defaultChild!.node.metadata)).not.toMatch(/LambdaDLQ/);
      expect(nagFindings(stack.node.root).filter(finding => finding.includes('TestStack/Fn/'))).toEqual([]);
      expect(securityFindings(stack.node.root).filter(finding => finding.includes('TestStack/Fn/'))).toEqual([]);
    });
  });
});
