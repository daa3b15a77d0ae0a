import { App, CfnResource, Stack, Validations } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as apigatewayv2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as integrations from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import { SecureFunction, ServerlessSecurityChecks } from '../../src';
import { ApiAuthorization, SecureApi, SecureHttpApi } from '../../src/api';
import { securityFindings, synthesizeWithValidation } from '../checks/helpers';
import { allNagPacks, minimalFunctionProps, nagFindings, newStack, userVpc } from '../helpers';
import { orderSchema } from './helpers';

/** A SecureApi with a POST and a GET route to a SecureFunction, in the given stack. */
function ordersRestApi(stack: Stack, fn: lambda.IFunction): SecureApi {
  const api = new SecureApi(stack, 'Api');
  api.addLambdaRoute(apigatewayv2.HttpMethod.POST, '/orders', fn, { requestSchema: orderSchema });
  api.addLambdaRoute(apigatewayv2.HttpMethod.GET, '/orders/{id}', fn);
  return api;
}

/** The acknowledgements recorded on a resource, as `id` → reason (without the CDK's `Annotation::` prefix). */
function acknowledgementsOf(resource: CfnResource): { [id: string]: string } {
  const entries = resource.node.metadata
    .filter(entry => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
    .flatMap(entry => Object.entries(entry.data as { [id: string]: string }));
  return Object.fromEntries(entries.map(([id, reason]) => [id.replace(/^annotation::/i, ''), reason]));
}

describe('SecureApi under the cdk-nag packs and ServerlessSecurityChecks', () => {
  test('with a SecureFunction in a VPC: zero unacknowledged findings from all six packs and from our pack', () => {
    const stack = newStack();
    const fn = new SecureFunction(stack, 'Fn', { ...minimalFunctionProps, vpc: userVpc(stack) });
    ordersRestApi(stack, fn);

    expect(nagFindings(stack.node.root)).toEqual([]);
    expect(securityFindings(stack.node.root)).toEqual([]);
  });

  test('with a SecureFunction outside a VPC: only the function\'s LambdaInsideVPC, a choice of the function\'s', () => {
    const stack = newStack();
    ordersRestApi(stack, new SecureFunction(stack, 'Fn', minimalFunctionProps));

    expect(nagFindings(stack.node.root)).toEqual([
      'HIPAA.Security-LambdaInsideVPC TestStack/Fn/Resource',
      'NIST.800.53.R4-LambdaInsideVPC TestStack/Fn/Resource',
      'NIST.800.53.R5-LambdaInsideVPC TestStack/Fn/Resource',
      'PCI.DSS.321-LambdaInsideVPC TestStack/Fn/Resource',
    ]);
    expect(securityFindings(stack.node.root)).toEqual([]);
  });

  test('with Lambda and Cognito authorizers: still zero', () => {
    const stack = newStack();
    const vpc = userVpc(stack);
    const fn = new SecureFunction(stack, 'Fn', { ...minimalFunctionProps, vpc });
    const authorizerFn = new SecureFunction(stack, 'AuthorizerFn', { ...minimalFunctionProps, vpc });
    const pool = new cognito.UserPool(stack, 'Pool');
    const api = new SecureApi(stack, 'Api', { authorization: ApiAuthorization.lambdaToken(authorizerFn) });
    api.addLambdaRoute(apigatewayv2.HttpMethod.GET, '/orders', fn);
    api.addLambdaRoute(apigatewayv2.HttpMethod.GET, '/profile', fn, { authorization: ApiAuthorization.cognito([pool]) });

    // The user pool is the test's; its own findings (MFA, advanced security…) are not the API's.
    expect(nagFindings(stack.node.root).filter(finding => !finding.includes('TestStack/Pool/'))).toEqual([]);
    expect(securityFindings(stack.node.root)).toEqual([]);
  });

  test('a plain apigateway.RestApi with the same routes is flagged, so the packs do look', () => {
    const stack = newStack();
    const fn = new SecureFunction(stack, 'Fn', minimalFunctionProps);
    const api = new apigateway.RestApi(stack, 'Api');
    api.root.addResource('orders').addMethod('POST', new apigateway.LambdaIntegration(fn));

    expect(nagFindings(stack.node.root, [new AwsSolutionsChecks(), new ServerlessChecks()])).toEqual(expect.arrayContaining([
      expect.stringMatching(/^AwsSolutions-APIG1 /),
      expect.stringMatching(/^AwsSolutions-APIG2 /),
      expect.stringMatching(/^AwsSolutions-APIG3 /),
      expect.stringMatching(/^AwsSolutions-APIG4 /),
      expect.stringMatching(/^AwsSolutions-IAM4/),
      expect.stringMatching(/^Serverless-APIGWDefaultThrottling /),
    ]));
    expect(securityFindings(stack.node.root)).toEqual(expect.arrayContaining([
      expect.stringMatching(/^SecureServerless-RestApiStageThrottling /),
      expect.stringMatching(/^SecureServerless-RestApiMethodAuthorization /),
      expect.stringMatching(/^SecureServerless-RestApiRequestValidation /),
    ]));
  });

  test('synthesizes with every pack registered as a validation plugin, as an app would', () => {
    const app = new App();
    Validations.of(app).addPlugins(new ServerlessSecurityChecks(app), ...allNagPacks());
    const stack = new Stack(app, 'Orders', { env: { account: '111111111111', region: 'eu-west-1' } });
    ordersRestApi(stack, new SecureFunction(stack, 'Fn', { ...minimalFunctionProps, vpc: userVpc(stack) }));

    const result = synthesizeWithValidation(app);
    expect(result.failed ? result.report : '').toBe('');
  });
});

describe('SecureApi acknowledges only what cannot apply', () => {
  test('on the stage: no cache to encrypt and no HTTP backend for a client certificate', () => {
    const stack = newStack();
    const api = ordersRestApi(stack, new SecureFunction(stack, 'Fn', minimalFunctionProps));

    expect(Object.keys(acknowledgementsOf(api.deploymentStage.node.defaultChild as CfnResource)).sort()).toEqual([
      'HIPAA.Security-APIGWCacheEnabledAndEncrypted',
      'HIPAA.Security-APIGWSSLEnabled',
      'NIST.800.53.R4-APIGWCacheEnabledAndEncrypted',
      'NIST.800.53.R5-APIGWCacheEnabledAndEncrypted',
      'NIST.800.53.R5-APIGWSSLEnabled',
      'PCI.DSS.321-APIGWCacheEnabledAndEncrypted',
      'PCI.DSS.321-APIGWSSLEnabled',
    ]);
  });

  test('on the CloudWatch role\'s policy: exactly its two account-and-region log-group wildcards, and our pack\'s finding for each log action that names every log group', () => {
    const stack = newStack();
    ordersRestApi(stack, new SecureFunction(stack, 'Fn', minimalFunctionProps));
    const policy = stack.node.findChild('SecureServerlessApiGatewayCloudWatchRole').node.findChild('LogsPolicy').node.defaultChild as CfnResource;

    expect(Object.keys(acknowledgementsOf(policy))).toEqual([
      'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:logs:eu-west-1:111111111111:log-group:*]',
      'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:logs:eu-west-1:111111111111:log-group:*:log-stream:*]',
      // logs:DescribeLogGroups is not among them: the IAM catalogue says `*` is all it accepts.
      ...['CreateLogGroup', 'CreateLogStream', 'DescribeLogStreams', 'PutLogEvents', 'GetLogEvents', 'FilterLogEvents']
        .map(action => `SecureServerless-IAMActionOnAnyResource[Action::logs:${action}]`),
    ]);
  });

  test('a wildcard that the CloudWatch role would not need is still reported', () => {
    const stack = newStack();
    ordersRestApi(stack, new SecureFunction(stack, 'Fn', minimalFunctionProps));
    const policy = stack.node.findChild('SecureServerlessApiGatewayCloudWatchRole').node.findChild('LogsPolicy') as iam.ManagedPolicy;
    policy.addStatements(new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: ['*'] }));

    expect(nagFindings(stack.node.root, [new AwsSolutionsChecks()])).toEqual([
      'AwsSolutions-IAM5[Resource::*] TestStack/SecureServerlessApiGatewayCloudWatchRole/LogsPolicy/Resource',
    ]);
  });

  test('on IAM-authorized routes: Cognito is not the only way to authenticate; Cognito routes need no acknowledgement', () => {
    const stack = newStack();
    const fn = new SecureFunction(stack, 'Fn', minimalFunctionProps);
    const api = ordersRestApi(stack, fn);
    const pool = new cognito.UserPool(stack, 'Pool');
    const cognitoRoute = api.addLambdaRoute(apigatewayv2.HttpMethod.DELETE, '/orders/{id}', fn, { authorization: ApiAuthorization.cognito([pool]) });
    const [iamRoute] = api.methods;

    expect(Object.keys(acknowledgementsOf(iamRoute.node.defaultChild as CfnResource))).toEqual(['AwsSolutions-COG4']);
    expect(acknowledgementsOf(cognitoRoute.node.defaultChild as CfnResource)).toEqual({});
  });

  test('IAM methods added with addMethod are acknowledged too (SigV4 is authentication, so AwsSolutions-COG4 cannot apply); '
    + 'this used to leave COG4 visible on them', () => {
    const stack = newStack();
    const api = new SecureApi(stack, 'Api');
    const byDefault = api.root.addMethod('GET', new apigateway.MockIntegration());
    const explicit = api.root.addResource('orders').addMethod('DELETE', new apigateway.MockIntegration(), {
      authorizationType: apigateway.AuthorizationType.IAM,
    });
    const proxy = api.root.addResource('files').addProxy({ defaultIntegration: new apigateway.MockIntegration() });

    for (const method of [byDefault, explicit, proxy.anyMethod!]) {
      expect((method.node.defaultChild as apigateway.CfnMethod).authorizationType).toBe('AWS_IAM');
      expect(acknowledgementsOf(method.node.defaultChild as CfnResource)).toEqual({ 'AwsSolutions-COG4': expect.stringMatching(/Signature Version 4/) });
    }
    // Otherwise the app would not synthesize, and the packs run on the synthesized app.
    api.allowUnvalidatedBody(proxy.anyMethod!, 'A mock integration: no backend that the body reaches.');
    expect(nagFindings(stack.node.root, [new AwsSolutionsChecks()])).toEqual([]);
  });

  test('SecureApi at its defaults: every IAM-authorized method has AwsSolutions-COG4 acknowledged, once, with the SigV4 reason', () => {
    const stack = newStack();
    const api = ordersRestApi(stack, new SecureFunction(stack, 'Fn', minimalFunctionProps));

    expect(api.methods.length).toBeGreaterThan(0);
    for (const method of api.methods) {
      const cfn = method.node.defaultChild as CfnResource;
      expect(acknowledgementsOf(cfn)).toEqual({ 'AwsSolutions-COG4': expect.stringMatching(/AWS IAM.*Signature Version 4.*authentication/) });
      expect(cfn.getMetadata('cdk_nag').rules_to_suppress).toHaveLength(1);
    }
    expect(nagFindings(stack.node.root, [new AwsSolutionsChecks()]).filter(finding => finding.includes('COG4'))).toEqual([]);
  });

  test('a method of addMethod with an authorizer of its own keeps AwsSolutions-COG4 visible: only IAM is acknowledged for you', () => {
    const stack = newStack();
    const api = new SecureApi(stack, 'Api');
    const authorizerFn = new SecureFunction(stack, 'AuthorizerFn', minimalFunctionProps);
    api.root.addMethod('GET', new apigateway.MockIntegration(), {
      authorizationType: apigateway.AuthorizationType.CUSTOM,
      authorizer: new apigateway.TokenAuthorizer(stack, 'Token', { handler: authorizerFn }),
    });

    expect(nagFindings(stack.node.root, [new AwsSolutionsChecks()]).filter(finding => finding.includes('/Api/'))).toEqual([
      'AwsSolutions-COG4 TestStack/Api/Default/GET/Resource',
    ]);
  });
});

describe('SecureHttpApi under the cdk-nag packs and ServerlessSecurityChecks', () => {
  test('with a SecureFunction in a VPC: zero unacknowledged findings from all six packs and from our pack', () => {
    const stack = newStack();
    const fn = new SecureFunction(stack, 'Fn', { ...minimalFunctionProps, vpc: userVpc(stack) });
    const api = new SecureHttpApi(stack, 'Api');
    api.addLambdaRoute(apigatewayv2.HttpMethod.POST, '/orders', fn);
    api.addLambdaRoute(apigatewayv2.HttpMethod.GET, '/orders/{id}', fn);

    expect(nagFindings(stack.node.root)).toEqual([]);
    expect(securityFindings(stack.node.root)).toEqual([]);
  });

  test('a plain apigatewayv2.HttpApi with the same route is flagged, so the packs do look', () => {
    const stack = newStack();
    const fn = new SecureFunction(stack, 'Fn', minimalFunctionProps);
    const api = new apigatewayv2.HttpApi(stack, 'Api');
    api.addRoutes({ path: '/orders', methods: [apigatewayv2.HttpMethod.POST], integration: new integrations.HttpLambdaIntegration('Orders', fn) });

    expect(nagFindings(stack.node.root, [new AwsSolutionsChecks(), new ServerlessChecks()])).toEqual(expect.arrayContaining([
      expect.stringMatching(/^AwsSolutions-APIG1 /),
      expect.stringMatching(/^AwsSolutions-APIG4 /),
      expect.stringMatching(/^Serverless-APIGWDefaultThrottling /),
    ]));
    expect(securityFindings(stack.node.root)).toEqual(expect.arrayContaining([
      expect.stringMatching(/^SecureServerless-HttpApiStageThrottling /),
      expect.stringMatching(/^SecureServerless-HttpApiRouteAuthorization /),
      expect.stringMatching(/^SecureServerless-HttpApiAccessLogging /),
    ]));
  });
});
