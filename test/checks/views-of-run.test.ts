import { mkdtempSync, readFileSync, writeFileSync } from 'fs';
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

/**
 * The views of a run handed the stack's synthesized template, as during `cdk synth`; `edit`
 * rewrites the template's `Resources` first, as a synthesizer that reorders them would.
 */
function runWithTemplates(stack: Stack, edit?: (entries: Array<[string, any]>) => Array<[string, any]>): ViewsOfRun {
  const assembly = (stack.node.root as App).synth();
  const path = assembly.getStackByName(stack.stackName).templateFullPath;
  if (edit) {
    const template = JSON.parse(readFileSync(path, 'utf8'));
    writeFileSync(path, JSON.stringify({ ...template, Resources: Object.fromEntries(edit(Object.entries(template.Resources))) }));
  }
  return new ViewsOfRun([path]);
}

function resourcesOf(stack: Stack): CfnResource[] {
  return stack.node.findAll().filter(CfnResource.isCfnResource);
}

/** Each resource's logical id and type as the run names them, against what resolving the tokens says. */
function namedByRun(stack: Stack, run: ViewsOfRun): { byRun: string[]; resolved: string[] } {
  const resources = resourcesOf(stack);
  return {
    byRun: resources.map(resource => `${run.logicalIdOf(resource)} ${run.view(resource).type}`),
    resolved: resources.map(resource => `${stack.resolve(resource.logicalId)} ${resource.cfnResourceType}`),
  };
}

/** A stack of many queues (resources of one type, which only their place or their id tells apart) and an API. */
function stackOfQueues(context: { [key: string]: unknown } = {}): Stack {
  const app = new App({ outdir: mkdtempSync(join(tmpdir(), 'views-of-run-')), context });
  const stack = new Stack(app, 'Queues', { env });
  for (let index = 0; index < 40; index++) {
    new sqs.CfnQueue(stack, `Queue${index}`, { queueName: `queue-${index}` });
  }
  new apigateway.RestApi(stack, 'Api').root.addMethod('GET');
  return stack;
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

  test('pairs each resource with its template entry by position, working out the logical ids of a sample only', () => {
    const stack = stackOfQueues();
    const run = runWithTemplates(stack);
    const getLogicalId = jest.spyOn(stack, 'getLogicalId');

    const byRun = resourcesOf(stack).map(resource => run.logicalIdOf(resource));
    const calls = getLogicalId.mock.calls.length;
    getLogicalId.mockRestore();

    expect(byRun).toEqual(resourcesOf(stack).map(resource => stack.resolve(resource.logicalId)));
    expect(resourcesOf(stack).map(resource => run.view(resource).properties.QueueName).slice(0, 2)).toEqual(['queue-0', 'queue-1']);
    expect(calls).toBeLessThanOrEqual(Math.ceil(resourcesOf(stack).length / 16) + 1);
  });

  test.each([
    ['in reverse order', (entries: Array<[string, any]>) => [...entries].reverse()],
    ['with two queues of a sampled place swapped', (entries: Array<[string, any]>) => [entries[16], ...entries.slice(1, 16), entries[0], ...entries.slice(17)]],
  ])('names every resource by its id when the template lists the resources %s', (_order, edit) => {
    const stack = stackOfQueues();
    const run = runWithTemplates(stack, edit);

    const { byRun, resolved } = namedByRun(stack, run);

    expect(byRun).toEqual(resolved);
    expect(run.view(resourcesOf(stack)[0]).properties.QueueName).toBe('queue-0');
  });

  test('with path metadata (as cdk synth writes it), a swap that no sampled id shows is caught by the paths', () => {
    const stack = stackOfQueues({ 'aws:cdk:enable-path-metadata': true });
    const run = runWithTemplates(stack, entries => [entries[0], entries[2], entries[1], ...entries.slice(3)]);

    const { byRun, resolved } = namedByRun(stack, run);

    expect(byRun).toEqual(resolved);
    expect(resourcesOf(stack).slice(0, 3).map(resource => run.view(resource).properties.QueueName)).toEqual(['queue-0', 'queue-1', 'queue-2']);
  });

  test('names every resource by its id when a logical id is integer-like, which JSON.parse moves to the front', () => {
    const stack = stackOfQueues();
    (stack.node.findChild('Queue5') as CfnResource).overrideLogicalId('5');
    const run = runWithTemplates(stack);

    const { byRun, resolved } = namedByRun(stack, run);

    expect(byRun).toEqual(resolved);
    expect(run.view(stack.node.findChild('Queue5') as CfnResource).properties.QueueName).toBe('queue-5');
  });

  test('resolves the deployment when the run has no template', () => {
    const stack = stackWithApis(1);
    const [deployment] = deploymentsOf(stack);

    expect(new ViewsOfRun([]).logicalIdOf(deployment)).toBe(stack.resolve(deployment.logicalId));
  });
});
