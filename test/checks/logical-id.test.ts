import { CfnResource, Lazy, Stack } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { unresolvedLogicalId } from '../../src/checks/logical-id';
import { newStack } from '../helpers';

/** What the `logicalId` token resolves to: what synthesis writes into the template. */
function resolvedLogicalId(resource: CfnResource): string {
  return Stack.of(resource).resolve(resource.logicalId);
}

describe('unresolvedLogicalId', () => {
  test('is the logical id the token resolves to for a resource without an override', () => {
    const stack = newStack();
    const queue = new sqs.Queue(stack, 'Jobs').node.defaultChild as CfnResource;

    expect(unresolvedLogicalId(queue)).toBe(resolvedLogicalId(queue));
    expect(unresolvedLogicalId(queue)).toMatch(/^Jobs[0-9A-F]{8}$/);
  });

  test('applies the stack\'s renameLogicalId, as synthesis does', () => {
    const stack = newStack();
    const queue = new sqs.Queue(stack, 'Jobs').node.defaultChild as CfnResource;
    stack.renameLogicalId(stack.getLogicalId(queue), 'RenamedJobs');

    expect(unresolvedLogicalId(queue)).toBe('RenamedJobs');
    expect(resolvedLogicalId(queue)).toBe('RenamedJobs');
  });

  test('is a literal override', () => {
    const stack = newStack();
    const queue = new sqs.Queue(stack, 'Jobs').node.defaultChild as CfnResource;
    queue.overrideLogicalId('MyJobs');

    expect(unresolvedLogicalId(queue)).toBe('MyJobs');
    expect(resolvedLogicalId(queue)).toBe('MyJobs');
  });

  test('is undefined for an override that is a token, which only resolving can tell', () => {
    const stack = newStack();
    const queue = new sqs.Queue(stack, 'Jobs').node.defaultChild as CfnResource;
    queue.overrideLogicalId(Lazy.string({ produce: () => 'LateJobs' }));

    expect(unresolvedLogicalId(queue)).toBeUndefined();
    expect(resolvedLogicalId(queue)).toBe('LateJobs');
  });

  test('is undefined for an API\'s latest deployment, whose logical id is a hash of the API', () => {
    const stack = newStack();
    const api = new apigateway.RestApi(stack, 'Api');
    api.root.addMethod('GET');
    const deployment = api.latestDeployment!.node.defaultChild as CfnResource;

    expect(unresolvedLogicalId(deployment)).toBeUndefined();
    expect(resolvedLogicalId(deployment)).toMatch(/^ApiDeployment/);
  });

  test('is undefined for a class that names itself another way', () => {
    const stack = newStack();
    class SelfNamed extends CfnResource {
      public _synthesizeLogicalId(): string {
        return 'SelfNamed';
      }
    }
    const resource = new SelfNamed(stack, 'Thing', { type: 'AWS::SQS::Queue' });

    expect(unresolvedLogicalId(resource)).toBeUndefined();
    expect(resolvedLogicalId(resource)).toBe('SelfNamed');
  });
});
