import { writeFileSync, readFileSync } from 'fs';
import { join } from 'path';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { AppSpend, EntryPointSpend, worstCaseBill } from '../../src/spend/model';
import { DEFAULT_SPEND_PRICES, PRICE_INFO } from '../../src/spend/prices';
import { spendTemplateOf } from '../../src/spend/template';
import { runCli, stackIn, synthesize, tempDir } from '../cli/helpers';
import { minimalFunctionProps } from '../helpers';

/** Bytes in a GB as CloudWatch and data transfer bill them (GiB). */
const GB = 1024 ** 3;

function bill(resources: object): AppSpend {
  return worstCaseBill([spendTemplateOf('t.json', { Resources: resources })], DEFAULT_SPEND_PRICES);
}

/** The cost per hour of each term, by service and resource. */
function costs(entry: EntryPointSpend): { [term: string]: number | null } {
  return Object.fromEntries(entry.terms.map(term => [`${term.service} on ${term.resource}`, term.perHour]));
}

function writeTemplate(resources: object): string {
  const file = join(tempDir('spend-'), 'template.json');
  writeFileSync(file, JSON.stringify({ Resources: resources }));
  return file;
}

const role = (statements: object[]) => ({
  Type: 'AWS::IAM::Role',
  Properties: {
    AssumeRolePolicyDocument: { Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] },
    Policies: [{ PolicyName: 'p', PolicyDocument: { Statement: statements } }],
  },
});

const fn = (props: object) => ({ Type: 'AWS::Lambda::Function', Properties: { Runtime: 'nodejs24.x', Handler: 'index.handler', Code: { ZipFile: 'exports.handler = async () => 1;' }, Role: { 'Fn::GetAtt': ['Role', 'Arn'] }, ...props } });

/** A REST API at 20 requests/s → a function capped at 5 → an on-demand table it reads and writes. */
function apiToTable(table: object = {}): object {
  return {
    Api: { Type: 'AWS::ApiGateway::RestApi', Properties: { Name: 'api' } },
    Items: { Type: 'AWS::ApiGateway::Resource', Properties: { RestApiId: { Ref: 'Api' }, ParentId: { 'Fn::GetAtt': ['Api', 'RootResourceId'] }, PathPart: 'items' } },
    Get: {
      Type: 'AWS::ApiGateway::Method',
      Properties: {
        RestApiId: { Ref: 'Api' },
        ResourceId: { Ref: 'Items' },
        HttpMethod: 'GET',
        AuthorizationType: 'NONE',
        Integration: { Type: 'AWS_PROXY', IntegrationHttpMethod: 'POST', Uri: { 'Fn::Join': ['', ['arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/', { 'Fn::GetAtt': ['Fn', 'Arn'] }, '/invocations']] } },
      },
    },
    Stage: { Type: 'AWS::ApiGateway::Stage', Properties: { RestApiId: { Ref: 'Api' }, StageName: 'prod', MethodSettings: [{ HttpMethod: '*', ResourcePath: '/*', ThrottlingRateLimit: 20, ThrottlingBurstLimit: 10 }] } },
    Fn: fn({ MemorySize: 512, Timeout: 1, ReservedConcurrentExecutions: 5 }),
    Role: role([{ Effect: 'Allow', Action: ['dynamodb:GetItem', 'dynamodb:PutItem'], Resource: { 'Fn::GetAtt': ['Table', 'Arn'] } }]),
    Table: { Type: 'AWS::DynamoDB::Table', Properties: { BillingMode: 'PAY_PER_REQUEST', KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }], ...table } },
  };
}

describe('worst-case model', () => {
  test('API → function → table: every term at the stage throttle, compute at the reserved concurrency', () => {
    const entry = bill(apiToTable()).entryPoints.find(candidate => candidate.kind === 'rest-method')!;
    expect(entry).toMatchObject({ name: 'GET /items (Api)', public: true, unbounded: false, requestsPerSecond: 20 });
    // 20 requests/s × 3,600 s = 72,000 requests an hour, the stage throttle; the function's cap (5 × 10 = 50/s) is higher.
    const requests = 72000;
    const expected = {
      'API Gateway REST requests on Api': requests * 0.0000035, // $0.252
      'Data transfer out on Api': requests * 10240 / GB * 0.09, // 0.6866 GB × $0.09 = $0.0618
      'Lambda requests on Fn': requests * 0.0000002, // $0.0144
      // Each invocation may run its 1 s timeout: 20 busy executions, more than the cap of 5, so 5 × 0.5 GB × 3,600 s.
      'Lambda compute (x86_64, 0.5 GB) on Fn': 5 * 0.5 * 3600 * 0.0000166667, // 9,000 GB-s = $0.15
      'CloudWatch Logs ingestion (function logs) on Fn': requests * 2048 / GB * 0.5, // 0.1373 GB = $0.0687
      'DynamoDB on-demand reads on Table': requests * 0.000000125, // $0.009
      'DynamoDB on-demand writes on Table': requests * 0.000000625, // $0.045
    };
    const actual = costs(entry);
    expect(Object.keys(actual).sort()).toEqual(Object.keys(expected).sort());
    for (const [term, cost] of Object.entries(expected)) {
      expect(actual[term]).toBeCloseTo(cost, 9);
    }
    expect(entry.perHour).toBeCloseTo(0.252 + 0.0617981 + 0.0144 + 0.1500003 + 0.0686646 + 0.009 + 0.045, 6);
    expect(entry.terms.find(term => term.service === 'API Gateway REST requests')!.limit).toBe('stage throttle 20 requests/s');
    expect(entry.fixes[0]).toMatch(/throttlingRateLimit/);
  });

  test("the table's OnDemandThroughput bounds its writes", () => {
    const entry = bill(apiToTable({ OnDemandThroughput: { MaxWriteRequestUnits: 4 } })).entryPoints[0];
    // 4 write units/s × 3,600 = 14,400 units × $0.000000625 = $0.009.
    expect(costs(entry)['DynamoDB on-demand writes on Table']).toBeCloseTo(4 * 3600 * 0.000000625, 12);
    expect(entry.terms.find(term => term.service === 'DynamoDB on-demand writes')!.limit).toBe('OnDemandThroughput MaxWriteRequestUnits 4 per second on Table');
  });

  test('a throttle at or above the account quota bounds nothing: the path is unbounded at 10,000 requests/s', () => {
    const resources = apiToTable() as any;
    resources.Stage.Properties.MethodSettings[0].ThrottlingRateLimit = 100000;
    const entry = bill(resources).entryPoints[0];
    expect(entry.unbounded).toBe(true);
    expect(entry.requestsPerSecond).toBe(10000);
    expect(entry.notes).toContain("the throttle of stage Stage of 100,000 requests/s is at or above the account's 10,000 requests/s: it bounds nothing useful");
    // The API bills every request it accepts: 10,000 × 3,600 × $0.0000035 = $126 an hour.
    expect(costs(entry)['API Gateway REST requests on Api']).toBeCloseTo(126, 6);
  });

  test('reserved concurrency above the account quota bounds nothing', () => {
    const resources = apiToTable() as any;
    resources.Fn.Properties.ReservedConcurrentExecutions = 5000;
    const entry = bill(resources).entryPoints[0];
    expect(entry.notes).toContain('reserved concurrency 5,000 on Fn is above the account quota of 1,000: it bounds nothing useful');
    // Bounded by the stage alone: 20 invocations/s × 1 s timeout = 20 busy executions × 0.5 GB × 3,600 s.
    expect(costs(entry)['Lambda compute (x86_64, 0.5 GB) on Fn']).toBeCloseTo(20 * 0.5 * 3600 * 0.0000166667, 9);
  });

  test('public SNS → SQS → function: the publishes are unbounded, the function is bounded by MaximumConcurrency', () => {
    const spend = bill({
      Topic: { Type: 'AWS::SNS::Topic' },
      TopicPolicy: { Type: 'AWS::SNS::TopicPolicy', Properties: { Topics: [{ Ref: 'Topic' }], PolicyDocument: { Statement: [{ Effect: 'Allow', Principal: '*', Action: 'sns:Publish', Resource: { Ref: 'Topic' } }] } } },
      Queue: { Type: 'AWS::SQS::Queue' },
      Subscription: { Type: 'AWS::SNS::Subscription', Properties: { Protocol: 'sqs', TopicArn: { Ref: 'Topic' }, Endpoint: { 'Fn::GetAtt': ['Queue', 'Arn'] } } },
      Mapping: { Type: 'AWS::Lambda::EventSourceMapping', Properties: { FunctionName: { Ref: 'Fn' }, EventSourceArn: { 'Fn::GetAtt': ['Queue', 'Arn'] }, BatchSize: 10, ScalingConfig: { MaximumConcurrency: 2 } } },
      Fn: fn({ MemorySize: 1024, Timeout: 10, ReservedConcurrentExecutions: 5 }),
      Role: role([]),
    });
    expect(spend.entryPoints).toHaveLength(1);
    const entry = spend.entryPoints[0];
    expect(entry).toMatchObject({ kind: 'resource-policy', public: true, unbounded: true, requestsPerSecond: null });
    expect(spend.unbounded).toEqual(['sns:Publish for anyone on Topic']);
    // MaximumConcurrency 2 (below the reserved 5): 2 × 10 = 20 invocations/s = 72,000 an hour.
    expect(costs(entry)).toEqual({
      'SNS requests on Topic': null,
      'SQS requests on Queue': null,
      'Lambda requests on Fn': expect.closeTo(72000 * 0.0000002, 12), // $0.0144
      'Lambda compute (x86_64, 1 GB) on Fn': expect.closeTo(2 * 1 * 3600 * 0.0000166667, 12), // 7,200 GB-s = $0.12
      'CloudWatch Logs ingestion (function logs) on Fn': expect.closeTo(72000 * 2048 / GB * 0.5, 12), // $0.0687
    });
    expect(entry.perHour).toBeCloseTo(0.0144 + 0.12000024 + 0.068664551, 8);
    expect(entry.unboundedBecause).toEqual(['anyone may call sns:Publish on Topic: nothing limits the rate']);
  });

  test('API POST → SNS publish → SQS subscription → function: every hop at the stage throttle, compute at MaximumConcurrency', () => {
    const spend = bill({
      Api: { Type: 'AWS::ApiGateway::RestApi', Properties: { Name: 'api' } },
      Orders: { Type: 'AWS::ApiGateway::Resource', Properties: { RestApiId: { Ref: 'Api' }, ParentId: { 'Fn::GetAtt': ['Api', 'RootResourceId'] }, PathPart: 'orders' } },
      Post: {
        Type: 'AWS::ApiGateway::Method',
        Properties: {
          RestApiId: { Ref: 'Api' },
          ResourceId: { Ref: 'Orders' },
          HttpMethod: 'POST',
          AuthorizationType: 'NONE',
          // An AWS service integration that publishes the body to the topic (what CDK's AwsIntegration renders).
          Integration: {
            Type: 'AWS',
            IntegrationHttpMethod: 'POST',
            Uri: 'arn:aws:apigateway:us-east-1:sns:action/Publish',
            RequestParameters: { 'integration.request.querystring.TopicArn': { 'Fn::Join': ['', ["'", { Ref: 'Topic' }, "'"]] } },
          },
        },
      },
      Stage: { Type: 'AWS::ApiGateway::Stage', Properties: { RestApiId: { Ref: 'Api' }, StageName: 'prod', MethodSettings: [{ HttpMethod: '*', ResourcePath: '/*', ThrottlingRateLimit: 5, ThrottlingBurstLimit: 5 }] } },
      Topic: { Type: 'AWS::SNS::Topic' },
      Subscription: { Type: 'AWS::SNS::Subscription', Properties: { Protocol: 'sqs', TopicArn: { Ref: 'Topic' }, Endpoint: { 'Fn::GetAtt': ['Queue', 'Arn'] } } },
      Queue: { Type: 'AWS::SQS::Queue' },
      Mapping: { Type: 'AWS::Lambda::EventSourceMapping', Properties: { FunctionName: { Ref: 'Fn' }, EventSourceArn: { 'Fn::GetAtt': ['Queue', 'Arn'] }, BatchSize: 10, ScalingConfig: { MaximumConcurrency: 2 } } },
      Fn: fn({ MemorySize: 1024, Timeout: 10, ReservedConcurrentExecutions: 5 }),
      Role: role([]),
    });
    // The topic and the queue are reached from the API: they are hops of its path, not entry points of their own.
    expect(spend.entryPoints).toHaveLength(1);
    const entry = spend.entryPoints[0];
    expect(entry).toMatchObject({ kind: 'rest-method', name: 'POST /orders (Api)', public: true, unbounded: false, requestsPerSecond: 5, counted: true });
    // 5 requests/s (the stage throttle) × 3,600 s = 18,000 requests, publishes and messages an hour.
    const requests = 18000;
    const expected = {
      'API Gateway REST requests on Api': requests * 0.0000035, // $0.063
      'Data transfer out on Api': requests * 10240 / GB * 0.09, // 0.1717 GB × $0.09 = $0.01545
      'SNS requests on Topic': requests * 0.0000005, // $0.009 (the delivery to SQS is free)
      // A send per message, and a receive and a delete per batch of 10: 1.2 requests per message = 21,600 requests.
      'SQS requests on Queue': requests * 1.2 * 0.0000004, // $0.00864
      // The stage's 5/s is below the function's ceiling (MaximumConcurrency 2 × 10 = 20/s): 18,000 invocations.
      'Lambda requests on Fn': requests * 0.0000002, // $0.0036
      // 5/s × a 10 s timeout = 50 busy, above MaximumConcurrency 2 (below reserved 5): 2 × 1 GB × 3,600 s = 7,200 GB-s.
      'Lambda compute (x86_64, 1 GB) on Fn': 2 * 1 * 3600 * 0.0000166667, // $0.12000024
      'CloudWatch Logs ingestion (function logs) on Fn': requests * 2048 / GB * 0.5, // 0.0343 GB × $0.50 = $0.01717
    };
    const actual = costs(entry);
    expect(Object.keys(actual).sort()).toEqual(Object.keys(expected).sort());
    for (const [term, cost] of Object.entries(expected)) {
      expect(actual[term]).toBeCloseTo(cost, 12);
    }
    expect(entry.perHour).toBeCloseTo(0.063 + 0.015449524 + 0.009 + 0.00864 + 0.0036 + 0.12000024 + 0.017166138, 8);
    expect(spend.perHour).toBeCloseTo(entry.perHour, 12);
    expect(entry.terms.find(term => term.service === 'SQS requests')!.assumption).toBe('a send per message, a receive and a delete per batch of 10');
    expect(entry.terms.find(term => term.service.startsWith('Lambda compute'))!.limit).toBe('2 executions busy all hour (event source MaximumConcurrency 2 into Fn)');
  });

  test('a path with no bound: a public function URL into an uncapped function, priced at the account quota and UNBOUNDED', () => {
    const spend = bill({
      Fn: fn({}),
      Role: role([]),
      Url: { Type: 'AWS::Lambda::Url', Properties: { AuthType: 'NONE', TargetFunctionArn: { 'Fn::GetAtt': ['Fn', 'Arn'] } } },
    });
    const entry = spend.entryPoints[0];
    expect(entry).toMatchObject({ kind: 'function-url', public: true, unbounded: true, requestsPerSecond: null, counted: true });
    expect(spend.unbounded).toEqual(['function URL of Fn']);
    // A function URL bills nothing of its own: the unbounded hop is the function, and the fix is its cap.
    expect(entry.unboundedBecause).toEqual(["no concurrency cap on Fn: only the account's quota of 1,000, shared"]);
    expect(entry.fixes).toEqual(['set reservedConcurrentExecutions of Fn']);
    // Nothing but the account's quota: 1,000 executions × 10 invocations/s = 10,000/s = 36,000,000 an hour.
    const invocations = 36_000_000;
    const expected = {
      'Lambda requests on Fn': invocations * 0.0000002, // $7.20
      // 10,000/s × the default 3 s timeout is above 1,000: all 1,000 executions of 128 MB busy all hour = 450,000 GB-s.
      'Lambda compute (x86_64, 0.125 GB) on Fn': 1000 * 0.125 * 3600 * 0.0000166667, // $7.50
      'CloudWatch Logs ingestion (function logs) on Fn': invocations * 2048 / GB * 0.5, // 68.66 GB × $0.50 = $34.33
      'Data transfer out on Url': invocations * 10240 / GB * 0.09, // 343.3 GB × $0.09 = $30.90
    };
    const actual = costs(entry);
    expect(Object.keys(actual).sort()).toEqual(Object.keys(expected).sort());
    for (const [term, cost] of Object.entries(expected)) {
      expect(actual[term]).toBeCloseTo(cost, 9);
    }
    expect(entry.terms.every(term => term.unbounded)).toBe(true);
    expect(entry.perHour).toBeCloseTo(7.2 + 7.500015 + 34.332275391 + 30.899047852, 6);
  });

  test('an S3-triggered function: bounded by its reserved concurrency; the writes come from outside the template', () => {
    const spend = bill({
      Bucket: { Type: 'AWS::S3::Bucket', Properties: { NotificationConfiguration: { LambdaConfigurations: [{ Event: 's3:ObjectCreated:*', Function: { 'Fn::GetAtt': ['Fn', 'Arn'] } }] } } },
      Fn: fn({ MemorySize: 256, Timeout: 30, ReservedConcurrentExecutions: 3, Architectures: ['arm64'] }),
      Role: role([]),
    });
    const entry = spend.entryPoints[0];
    expect(entry).toMatchObject({ kind: 'trigger', public: false, unbounded: false, counted: true });
    // 3 × 10 = 30 invocations/s = 108,000 an hour; each may run 30 s, so all 3 executions are busy all hour.
    expect(costs(entry)).toEqual({
      'S3 PUT requests on Bucket': null,
      'Lambda requests on Fn': expect.closeTo(108000 * 0.0000002, 12), // $0.0216
      'Lambda compute (arm64, 0.25 GB) on Fn': expect.closeTo(3 * 0.25 * 3600 * 0.0000133334, 12), // 2,700 GB-s = $0.036
      'CloudWatch Logs ingestion (function logs) on Fn': expect.closeTo(108000 * 2048 / GB * 0.5, 12), // $0.103
    });
    expect(spend.perHour).toBeCloseTo(0.0216 + 0.03600018 + 0.102996826, 8);
  });

  test('HTTP API route throttles win over the stage default', () => {
    const spend = bill({
      Http: { Type: 'AWS::ApiGatewayV2::Api', Properties: { Name: 'h', ProtocolType: 'HTTP' } },
      Route: { Type: 'AWS::ApiGatewayV2::Route', Properties: { ApiId: { Ref: 'Http' }, RouteKey: 'POST /orders', AuthorizationType: 'NONE' } },
      Stage: { Type: 'AWS::ApiGatewayV2::Stage', Properties: { ApiId: { Ref: 'Http' }, StageName: '$default', DefaultRouteSettings: { ThrottlingRateLimit: 50 }, RouteSettings: { 'POST /orders': { ThrottlingRateLimit: 2 } } } },
    });
    expect(spend.entryPoints[0]).toMatchObject({ requestsPerSecond: 2, unbounded: false });
    expect(costs(spend.entryPoints[0])['API Gateway HTTP requests on Http']).toBeCloseTo(2 * 3600 * 0.000001, 12);
  });
});

describe('report: the worst-case bill', () => {
  test('an HTTP API throttled to 1 request/s is bounded at 1 request/s, not 10,000', () => {
    const assembly = synthesize(app => {
      const stack = stackIn(app);
      const handler = new lambda.Function(stack, 'Orders', minimalFunctionProps);
      const api = new apigwv2.HttpApi(stack, 'Http', { createDefaultStage: false });
      api.addStage('Prod', { stageName: 'prod', autoDeploy: true, throttle: { rateLimit: 1, burstLimit: 1 } });
      api.addRoutes({ path: '/orders', methods: [apigwv2.HttpMethod.POST], integration: new HttpLambdaIntegration('Orders', handler) });
    });
    const spend = JSON.parse(runCli(['report', assembly, '--format', 'json']).stdout).spend;
    const route = spend.entryPoints.find((entry: EntryPointSpend) => entry.kind === 'http-route');
    expect(route).toMatchObject({ name: expect.stringMatching(/^POST \/orders \(Http[0-9A-F]{8}\)$/), requestsPerSecond: 1, unbounded: false, limit: 'stage throttle 1 requests/s' });
    // 1 request/s = 3,600 an hour. The uncapped function runs at most 1/s × its 3 s timeout = 3 executions of 0.125 GB.
    const expected: { [service: string]: number } = {
      'API Gateway HTTP requests': 3600 * 0.000001, // $0.0036
      'Data transfer out': 3600 * 10240 / GB * 0.09, // $0.00309
      'Lambda requests': 3600 * 0.0000002, // $0.00072
      'Lambda compute (x86_64, 0.125 GB)': 3 * 0.125 * 3600 * 0.0000166667, // 1,350 GB-s = $0.0225
      'CloudWatch Logs ingestion (function logs)': 3600 * 2048 / GB * 0.5, // $0.00343
    };
    const actual = Object.fromEntries(route.terms.map((term: { service: string; perHour: number }) => [term.service, term.perHour]));
    expect(Object.keys(actual).sort()).toEqual(Object.keys(expected).sort());
    for (const [service, cost] of Object.entries(expected)) {
      expect(actual[service]).toBeCloseTo(cost, 9);
    }
    expect(spend.perHour).toBeCloseTo(0.0036 + 0.003089905 + 0.00072 + 0.022500045 + 0.003433228, 8);
  });

  test('a path with no bound is UNBOUNDED and fails --max-hourly-spend with exit code 1', () => {
    const file = writeTemplate({
      Fn: fn({}),
      Role: role([]),
      Url: { Type: 'AWS::Lambda::Url', Properties: { AuthType: 'NONE', TargetFunctionArn: { 'Fn::GetAtt': ['Fn', 'Arn'] } } },
    });
    const result = runCli(['report', file, '--max-hourly-spend', '1000']);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('PUBLIC function URL of Fn: UNBOUNDED');
    expect(result.stdout).toContain("no concurrency cap on Fn: only the account's quota of 1,000, shared");
    expect(result.stdout).toContain('Budget --max-hourly-spend 1000: EXCEEDED');
    expect(result.stdout).toContain('to lower it: set reservedConcurrentExecutions of Fn');
    // The terms still carry numbers at the account quotas (hand-computed in the model test above: $79.93).
    expect(result.stdout).toContain('Worst-case bill of the app: UNBOUNDED (1 public path); priced at the account quotas where nothing else bounds them, the terms come to $79.93 per hour');
  });

  test('--max-hourly-spend passes a bounded app within budget and fails it over budget', () => {
    const file = writeTemplate(apiToTable());
    expect(runCli(['report', file, '--max-hourly-spend', '1']).code).toBe(0);
    const over = runCli(['report', file, '--max-hourly-spend', '0.5', '--format', 'json']);
    expect(over.code).toBe(1);
    expect(JSON.parse(over.stdout).spend.budget).toMatchObject({ maxHourlySpend: 0.5, exceeded: true });
  });

  test('--prices overrides a price; unknown keys and non-positive numbers are input errors', () => {
    const file = writeTemplate(apiToTable());
    const dir = tempDir('prices-');
    const write = (name: string, content: string) => {
      writeFileSync(join(dir, name), content);
      return join(dir, name);
    };
    const spend = JSON.parse(runCli(['report', file, '--format', 'json', '--prices', write('ok.json', '{ "apiGatewayRestRequest": 0.00001 }')]).stdout).spend;
    expect(spend.entryPoints[0].terms[0]).toMatchObject({ service: 'API Gateway REST requests', unitPrice: 0.00001, perHour: expect.closeTo(72000 * 0.00001, 9) });
    const unknown = runCli(['report', file, '--prices', write('unknown.json', '{ "lambdaRequests": 1 }')]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("unknown price 'lambdaRequests'");
    for (const bad of ['{ "lambdaRequest": 0 }', '{ "lambdaRequest": -1 }', '{ "lambdaRequest": "1" }', '[1]', 'not json']) {
      expect(runCli(['report', file, '--prices', write('bad.json', bad)]).code).toBe(2);
    }
  });
});

test('the price sources and date are in the data', () => {
  const prices = readFileSync(join(__dirname, '..', '..', 'src', 'spend', 'prices.ts'), 'utf8');
  expect(prices).toContain('https://aws.amazon.com/lambda/pricing/');
  expect(prices).toMatch(/PRICES_DATE = '\d{4}-\d{2}-\d{2}'/);
});

test('every price and quota names its source and how it was checked', () => {
  const sourced = Object.entries(PRICE_INFO).filter(([, info]) => info.kind !== 'size');
  expect(sourced.length).toBeGreaterThan(0);
  for (const [key, info] of sourced) {
    expect([key, info.source]).toEqual([key, expect.stringMatching(/^https:\/\/(aws\.amazon\.com|docs\.aws\.amazon\.com)\//)]);
    expect([key, info.checked]).toEqual([key, expect.stringMatching(/^(AWS: https:\/\/|not verified on the AWS page)/)]);
  }
});
