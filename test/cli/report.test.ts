import { join } from 'path';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { FIXTURES, runCli, stackIn, synthesize } from './helpers';
import { SecureFunction } from '../../src';
import { functionBound, functionLimits, SpendBound } from '../../src/spend/function-bound';
import { DEFAULT_SPEND_PRICES } from '../../src/spend/prices';
import { minimalFunctionProps } from '../helpers';

/** An app with a capped API function, an uncapped worker and a public uncapped function URL. */
function apiApp(publicUrl: boolean): string {
  return synthesize(app => {
    const stack = stackIn(app);
    const api = new SecureFunction(stack, 'Api', { ...minimalFunctionProps, memorySize: 1024, architecture: lambda.Architecture.ARM_64 });
    const secret = new secretsmanager.Secret(stack, 'DbSecret');
    secret.grantRead(api);
    const rest = new apigateway.RestApi(stack, 'Rest', { deployOptions: { throttlingRateLimit: 50, throttlingBurstLimit: 20 } });
    rest.root.addResource('items').addMethod('GET', new apigateway.LambdaIntegration(api));
    const http = new apigwv2.HttpApi(stack, 'Http');
    http.addRoutes({ path: '/orders', methods: [apigwv2.HttpMethod.POST], integration: new HttpLambdaIntegration('Orders', api) });
    const worker = new lambda.Function(stack, 'Worker', minimalFunctionProps);
    worker.addEventSource(new SqsEventSource(new sqs.Queue(stack, 'Jobs')));
    if (publicUrl) {
      new lambda.Function(stack, 'Public', minimalFunctionProps).addFunctionUrl({ authType: lambda.FunctionUrlAuthType.NONE });
    }
  });
}

describe('report', () => {
  const bounded = apiApp(false);
  const inventory = JSON.parse(runCli(['report', bounded, '--format', 'json']).stdout);
  const api = inventory.functions.find((fn: { path: string }) => fn.path === 'MyStack/Api/Resource');

  test('lists each function with its runtime, memory, timeout and cap', () => {
    expect(api).toMatchObject({ runtime: minimalFunctionProps.runtime.name, architecture: 'arm64', memoryMb: 1024, reservedConcurrency: 10, public: true });
    expect(inventory.functions.find((fn: { path: string }) => fn.path === 'MyStack/Worker/Resource')).toMatchObject({ reservedConcurrency: null, timeoutSeconds: 3, memoryMb: 128 });
  });

  test("lists the role's actions and resources, and the secrets it can read", () => {
    const statements = api.role.statements as Array<{ actions: string[]; resources: string[] }>;
    expect(statements.some(statement => statement.actions.includes('secretsmanager:GetSecretValue'))).toBe(true);
    expect(api.secrets).toEqual([expect.stringMatching(/^\$\{DbSecret[0-9A-F]{8}\}$/)]);
  });

  test('lists triggers: API methods and routes, event source mappings', () => {
    const descriptions = (api.triggers as Array<{ description: string }>).map(trigger => trigger.description);
    expect(descriptions).toEqual(expect.arrayContaining([expect.stringMatching(/^GET \/items \(Rest[0-9A-F]{8}\), authentication NONE/), expect.stringMatching(/^POST \/orders/)]));
    const worker = inventory.functions.find((fn: { path: string }) => fn.path === 'MyStack/Worker/Resource');
    expect(worker.triggers[0].description).toMatch(/^event source mapping from \$\{Jobs[0-9A-F]{8}\.Arn\}/);
  });

  test('lists every entry point with its authentication and rate limit', () => {
    const rest = inventory.entryPoints.find((entry: { kind: string }) => entry.kind === 'rest-method');
    expect(rest).toMatchObject({ authentication: 'NONE', public: true, rateLimit: 50, path: 'MyStack/Rest/Default/items/GET/Resource' });
    const route = inventory.entryPoints.find((entry: { kind: string }) => entry.kind === 'http-route');
    expect(route).toMatchObject({ authentication: 'NONE', public: true, rateLimit: null });
  });

  test('computes the worst case from the cap, the memory and Lambda prices', () => {
    // 10 × 3,600 s × 1 GB × arm64 price; requests at 10 per second per unit of concurrency.
    expect(api.worstCase.bound).toBe('capped');
    expect(api.worstCase.computePerHour).toBeCloseTo(10 * 3600 * 1 * 0.0000133334, 10);
    expect(api.worstCase.requestsPerSecond).toBe(100);
    expect(api.worstCase.requestsPerHour).toBeCloseTo(100 * 3600 * 0.0000002, 10);
  });

  test('exits 0 when no public entry point reaches an uncapped function', () => {
    const result = runCli(['report', bounded]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Worst-case spend of Lambda alone: \$[\d,.]+ per hour .*; the worst-case bill below prices every service on each path\./);
    expect(result.stdout).toContain('bounded only by the account\'s concurrency quota');
    expect(result.stdout).toContain('Prices: $0.0000166667 per GB-second (x86_64), $0.0000133334 (arm64), $0.20 per million requests');
  });

  test('uses the prices and quota it is given', () => {
    const custom = JSON.parse(runCli(['report', bounded, '--format', 'json', '--price-gb-second', 'arm64=0.00001', '--price-request', '0.000001', '--account-concurrency', '200']).stdout);
    const fn = custom.functions.find((candidate: { path: string }) => candidate.path === 'MyStack/Api/Resource');
    expect(fn.worstCase.computePerHour).toBeCloseTo(10 * 3600 * 0.00001, 10);
    expect(fn.worstCase.requestsPerHour).toBeCloseTo(100 * 3600 * 0.000001, 10);
    expect(custom.functions.find((candidate: { path: string }) => candidate.path === 'MyStack/Worker/Resource').worstCase.concurrency).toBe(200);
    // One set of prices feeds the per-function bounds and the bill.
    expect(custom.prices).toEqual(custom.spend.prices);
    expect(custom.prices).toEqual({ ...DEFAULT_SPEND_PRICES, lambdaGbSecondArm: 0.00001, lambdaRequest: 0.000001, accountConcurrency: 200 });
  });

  test('fails with exit code 1 and UNBOUNDED when a public entry point reaches an uncapped function', () => {
    const result = runCli(['report', apiApp(true)]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('Worst-case spend: UNBOUNDED. No concurrency cap on MyStack/Public/Resource');
    expect(result.stdout).toMatch(/PUBLIC function URL of Public[0-9A-F]{8}/);
  });

  test('follows a queue that anyone may write to into the function it drives', () => {
    const result = runCli(['report', join(FIXTURES, 'public-queue.json'), '--format', 'json']);
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout).worstCase.unbounded).toEqual(['Consumer']);
  });

  test('reads hand-written YAML: parameter defaults, secrets, custom resources', () => {
    const fn = JSON.parse(runCli(['report', join(FIXTURES, 'insecure.yaml'), '--format', 'json']).stdout).functions[0];
    expect(fn).toMatchObject({ memoryMb: 512, timeoutSeconds: 30, secrets: ['${DbSecret}'] });
    expect(fn.triggers.map((trigger: { kind: string }) => trigger.kind)).toEqual(['entry-point', 'custom-resource']);
  });
});

describe('functionBound', () => {
  const limitsOf = (properties: object) => functionLimits('Fn', properties, new Map(), DEFAULT_SPEND_PRICES);

  test('is bounded by the API rate limits when every way in is a rate-limited API', () => {
    const result = functionBound(limitsOf({ ReservedConcurrentExecutions: 100, MemorySize: 512 }), DEFAULT_SPEND_PRICES, true, 50);
    expect(result.requestsPerSecond).toBe(50);
    expect(result.bound).toBe(SpendBound.CAPPED);
    // 50 invocations/s × the default 3 s timeout = 150 busy, above the cap: 100 × 3,600 s × 0.5 GB.
    expect(result.computePerHour).toBeCloseTo(100 * 3600 * 0.5 * 0.0000166667, 10);
    expect(result.requestsPerHour).toBeCloseTo(50 * 3600 * 0.0000002, 10);
  });

  test('uses the account quota for an uncapped function, unbounded when public', () => {
    expect(functionBound(limitsOf({}), DEFAULT_SPEND_PRICES, false)).toMatchObject({ bound: 'account-quota', concurrency: 1000 });
    expect(functionBound(limitsOf({}), DEFAULT_SPEND_PRICES, true).bound).toBe('unbounded');
  });

  test('a cap above the account quota caps nothing, as in the bill', () => {
    const limits = limitsOf({ ReservedConcurrentExecutions: 5000 });
    expect(limits.notes).toEqual(['reserved concurrency 5,000 on Fn is above the account quota of 1,000: it bounds nothing useful']);
    expect(functionBound(limits, DEFAULT_SPEND_PRICES, true)).toMatchObject({ bound: 'unbounded', concurrency: 1000 });
  });
});
