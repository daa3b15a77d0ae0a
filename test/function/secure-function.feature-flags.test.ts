import { App, CfnElement, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import { ServerlessSecurityChecks } from '../../src';
import { recommendedFeatureFlags } from '../apps';
import { nagFindings } from '../helpers';
import { FUNCTION_VARIANTS } from './variants';

// Every test runs for each variant: the posture is one module, and this proves it is applied the same.
describe.each(FUNCTION_VARIANTS)('%s', (_variant, makeFunction) => {
  const recommendedFlags = recommendedFeatureFlags;

  describe.each([
    ['with a stack env', { account: '111111111111', region: 'eu-west-1' }],
    ['without a stack env', undefined],
  ])('SecureFunction in an app made by cdk init (recommended feature flags), %s', (_name, env) => {
    function stackWithFlags(): Stack {
      const app = new App({ context: recommendedFlags() });
      return new Stack(app, 'InitApp', { env });
    }

    test('the recommended flags include useCdkManagedLogGroup, the flag this suite is about', () => {
      expect(recommendedFlags()['@aws-cdk/aws-lambda:useCdkManagedLogGroup']).toBe(true);
    });

    test('synthesizes with exactly one log group for the function', () => {
      const stack = stackWithFlags();
      makeFunction(stack, 'Fn');
      Template.fromStack(stack).resourceCountIs('AWS::Logs::LogGroup', 1);
    });

    test('the log group the CDK manages gets the secure posture: CMK, retention, retained on delete', () => {
      const stack = stackWithFlags();
      makeFunction(stack, 'Fn');
      const template = Template.fromStack(stack);
      const [stackKeyId] = Object.keys(template.findResources('AWS::KMS::Key'));
      template.hasResource('AWS::Logs::LogGroup', {
        Properties: {
          KmsKeyId: { 'Fn::GetAtt': [stackKeyId, 'Arn'] },
          RetentionInDays: 365,
        },
        DeletionPolicy: 'Retain',
        UpdateReplacePolicy: 'Retain',
      });
    });

    test('the function writes to that log group and no other', () => {
      const stack = stackWithFlags();
      const fn = makeFunction(stack, 'Fn');
      const template = Template.fromStack(stack);
      const logGroupId = stack.getLogicalId(fn.logGroup.node.defaultChild as CfnElement);
      expect(Object.keys(template.findResources('AWS::Logs::LogGroup'))).toEqual([logGroupId]);
      template.hasResourceProperties('AWS::Lambda::Function', { LoggingConfig: { LogGroup: { Ref: logGroupId } } });
    });

    test('passes AwsSolutions, Serverless and ServerlessSecurityChecks with no new acknowledgement', () => {
      const stack = stackWithFlags();
      makeFunction(stack, 'Fn');
      expect(nagFindings(stack, [new AwsSolutionsChecks(), new ServerlessChecks(), new ServerlessSecurityChecks()])).toEqual([]);
    });

    test('the template is the same as in a bare app: the flag changes nothing a user deploys', () => {
      const withFlags = stackWithFlags();
      makeFunction(withFlags, 'Fn');
      const bare = new Stack(new App(), 'InitApp', { env });
      makeFunction(bare, 'Fn');
      const logGroupsOf = (stack: Stack) => Template.fromStack(stack).findResources('AWS::Logs::LogGroup');
      expect(logGroupsOf(withFlags)).toEqual(logGroupsOf(bare));
      const functionOf = (stack: Stack) => Template.fromStack(stack).findResources('AWS::Lambda::Function');
      expect(functionOf(withFlags)).toEqual(functionOf(bare));
    });

    test('logGroupRetention applies to the CDK-managed log group', () => {
      const stack = stackWithFlags();
      makeFunction(stack, 'Fn', { logGroupRetention: 30 });
      Template.fromStack(stack).hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 30 });
    });
  });
});
