import { join } from 'path';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import { SecureFunction } from '../../src';
import { securityFindings } from '../checks/helpers';
import { errorOf, expectValidationError, LATEST_PYTHON, nagFindings, newStack } from '../helpers';

/** A folder a Python build step produced: the handler and its vendored dependencies. */
const BUILT_PYTHON = join(__dirname, '..', 'fixtures', 'handlers', 'python-built');

describe('A Python function: SecureFunction with Code.fromAsset of a built folder', () => {
  test('synthesizes the folder as an asset, with the whole posture, and no findings from AwsSolutions, Serverless or our pack', () => {
    const stack = newStack();
    // The newest Python this aws-cdk-lib knows: AwsSolutions-L1 wants the latest runtime.
    new SecureFunction(stack, 'Fn', {
      runtime: LATEST_PYTHON,
      handler: 'app.handler',
      code: lambda.Code.fromAsset(BUILT_PYTHON),
    });

    Template.fromStack(stack).hasResourceProperties('AWS::Lambda::Function', {
      Runtime: LATEST_PYTHON.name,
      Handler: 'app.handler',
      Code: { S3Bucket: Match.anyValue(), S3Key: Match.stringLikeRegexp('\\.zip$') },
      ReservedConcurrentExecutions: 10,
      TracingConfig: { Mode: 'Active' },
      // Nothing invokes it asynchronously, so no dead-letter queue (secure-function.dead-letter-queue.test.ts).
      DeadLetterConfig: Match.absent(),
    });
    expect(nagFindings(stack.node.root, [new AwsSolutionsChecks(), new ServerlessChecks()])).toEqual([]);
    expect(securityFindings(stack.node.root)).toEqual([]);
  });

  test('refuses a deprecated Python runtime', () => {
    const error = errorOf(() => new SecureFunction(newStack(), 'Fn', {
      runtime: lambda.Runtime.PYTHON_3_8,
      handler: 'app.handler',
      code: lambda.Code.fromAsset(BUILT_PYTHON),
    }));

    expectValidationError(error, 'TestStack/Fn', /runtime python3\.8 was deprecated/);
  });
});
