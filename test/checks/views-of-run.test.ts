import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { App, CfnResource, Lazy, Stack } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { ViewsOfRun } from '../../src/checks/views-of-run';

const env = { account: '111111111111', region: 'eu-west-1' };

/** A stack with `apis` REST APIs, each with a method, so each has a latest deployment. */
function stackWithApis(apis: number): Stack {
  const app = new App({ outdir: mkdtempSync(join(tmpdir(), 'views-of-run-')) });
  const stack = new Stack(app, 'Apis', { env });
  for (let index = 0; index < apis; index++) {
    new apigateway.RestApi(stack, `Api${index}`).root.addMethod('GET');
  }
  new sqs.Queue(stack, 'Jobs');
  return stack;
}

/** The views of a run handed the stack's synthesized template, as during `cdk synth`. */
function runWithTemplates(stack: Stack): ViewsOfRun {
  const assembly = (stack.node.root as App).synth();
  return new ViewsOfRun([assembly.getStackByName(stack.stackName).templateFullPath]);
}

function deploymentsOf(stack: Stack): CfnResource[] {
  return stack.node.findAll().filter((c): c is CfnResource => CfnResource.isCfnResource(c) && c.cfnResourceType === 'AWS::ApiGateway::Deployment');
}

describe('ViewsOfRun logical ids', () => {
  test('names the one deployment of a stack from the template without resolving its hash', () => {
    const stack = stackWithApis(1);
    const run = runWithTemplates(stack);
    const [deployment] = deploymentsOf(stack);
    const calculate = jest.spyOn(Object.getPrototypeOf(deployment), 'calculateLogicalId');

    const logicalId = run.logicalIdOf(deployment);

    expect(calculate).not.toHaveBeenCalled();
    calculate.mockRestore();
    expect(logicalId).toBe(stack.resolve(deployment.logicalId));
    expect(run.view(deployment).properties.RestApiId).toEqual({ Ref: stack.resolve((stack.node.findChild('Api0').node.defaultChild as CfnResource).logicalId) });
  });

  test('resolves the deployments of a stack with two APIs, as the template alone cannot tell them apart', () => {
    const stack = stackWithApis(2);
    const run = runWithTemplates(stack);
    const deployments = deploymentsOf(stack);

    expect(deployments.map(deployment => run.logicalIdOf(deployment))).toEqual(deployments.map(deployment => stack.resolve(deployment.logicalId)));
  });

  test('resolves a token override when another resource also needs resolving', () => {
    const stack = stackWithApis(1);
    const queue = stack.node.findChild('Jobs').node.defaultChild as CfnResource;
    queue.overrideLogicalId(Lazy.string({ produce: () => 'LateJobs' }));
    const run = runWithTemplates(stack);
    const [deployment] = deploymentsOf(stack);

    expect(run.logicalIdOf(queue)).toBe('LateJobs');
    expect(run.logicalIdOf(deployment)).toBe(stack.resolve(deployment.logicalId));
  });

  test('resolves the deployment when the run has no template', () => {
    const stack = stackWithApis(1);
    const [deployment] = deploymentsOf(stack);

    expect(new ViewsOfRun([]).logicalIdOf(deployment)).toBe(stack.resolve(deployment.logicalId));
  });
});
