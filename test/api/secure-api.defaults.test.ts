import { Annotations, Match } from 'aws-cdk-lib/assertions';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import { SecureApi } from '../../src/api';
import { newStack } from '../helpers';
import { restApiWithRoutes, templateOf } from './helpers';

describe('SecureApi defaults', () => {
  test('keeps the logical id a plain apigateway.RestApi would have, and names the access log group stably', () => {
    const { stack } = restApiWithRoutes();
    const template = templateOf(stack);

    expect(Object.keys(template.findResources('AWS::ApiGateway::RestApi'))).toEqual(['ApiF70053CD']);
    expect(Object.keys(template.findResources('AWS::Logs::LogGroup'))).toContain('ApiAccessLogs50B185DB');
  });

  test('synthesizes without warnings', () => {
    const { stack } = restApiWithRoutes();

    Annotations.fromStack(stack).hasNoWarning('*', Match.anyValue());
  });

  test('has a REGIONAL endpoint', () => {
    const { stack } = restApiWithRoutes();

    templateOf(stack).hasResourceProperties('AWS::ApiGateway::RestApi', { EndpointConfiguration: { Types: ['REGIONAL'] } });
  });

  test('throttles the stage at 100 requests per second with bursts of 200, logs errors, never traces data, traces with X-Ray', () => {
    const { stack } = restApiWithRoutes();

    templateOf(stack).hasResourceProperties('AWS::ApiGateway::Stage', {
      StageName: 'prod',
      TracingEnabled: true,
      MethodSettings: [{
        HttpMethod: '*',
        ResourcePath: '/*',
        ThrottlingRateLimit: 100,
        ThrottlingBurstLimit: 200,
        LoggingLevel: 'ERROR',
        DataTraceEnabled: false,
      }],
    });
  });

  test('writes JSON access logs with the standard fields to an encrypted log group kept one year and retained', () => {
    const { stack } = restApiWithRoutes();
    const template = templateOf(stack);

    const stage = Object.values(template.findResources('AWS::ApiGateway::Stage'))[0];
    const setting = stage.Properties.AccessLogSetting;
    expect(setting.DestinationArn).toEqual({ 'Fn::GetAtt': ['ApiAccessLogs50B185DB', 'Arn'] });
    const format = JSON.parse(setting.Format);
    expect(format).toMatchObject({
      requestId: '$context.requestId',
      ip: '$context.identity.sourceIp',
      caller: '$context.identity.caller',
      user: '$context.identity.user',
      requestTime: '$context.requestTime',
      httpMethod: '$context.httpMethod',
      resourcePath: '$context.resourcePath',
      status: '$context.status',
      protocol: '$context.protocol',
      responseLength: '$context.responseLength',
    });
    template.hasResource('AWS::Logs::LogGroup', {
      Properties: { RetentionInDays: 365, KmsKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^SecureServerlessKey'), 'Arn'] } },
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
    });
  });

  test('access logs contain no header, query string or body', () => {
    const { stack } = restApiWithRoutes();
    const stage = Object.values(templateOf(stack).findResources('AWS::ApiGateway::Stage'))[0];

    expect(stage.Properties.AccessLogSetting.Format).not.toMatch(/input\.|requestOverride|\$context\.identity\.apiKey"|header/i);
  });

  test('requires AWS IAM authorization on every method by default', () => {
    const { stack } = restApiWithRoutes();

    const methods = Object.values(templateOf(stack).findResources('AWS::ApiGateway::Method'));
    expect(methods.map(method => method.Properties.AuthorizationType)).toEqual(['AWS_IAM', 'AWS_IAM']);
  });

  test('methods added with the CDK\'s own addMethod get the default authorization too', () => {
    const stack = newStack();
    const api = new SecureApi(stack, 'Api');
    api.root.addResource('health').addMethod('GET', new apigateway.MockIntegration());

    templateOf(stack).hasResourceProperties('AWS::ApiGateway::Method', { HttpMethod: 'GET', AuthorizationType: 'AWS_IAM' });
  });

  test('validates request bodies and parameters with one request validator, and the body against the route\'s model', () => {
    const { stack } = restApiWithRoutes();
    const template = templateOf(stack);

    template.resourceCountIs('AWS::ApiGateway::RequestValidator', 1);
    template.hasResourceProperties('AWS::ApiGateway::RequestValidator', { ValidateRequestBody: true, ValidateRequestParameters: true });
    template.hasResourceProperties('AWS::ApiGateway::Method', {
      HttpMethod: 'POST',
      RequestValidatorId: { Ref: Match.stringLikeRegexp('^ApiRequestValidator') },
      RequestModels: { 'application/json': { Ref: Match.stringLikeRegexp('^ApiPOSTOrdersModel') } },
    });
    template.hasResourceProperties('AWS::ApiGateway::Model', {
      ContentType: 'application/json',
      Schema: Match.objectLike({ type: 'object', required: ['item'], additionalProperties: false }),
    });
  });

  test('routes to the function with a proxy integration and a permission scoped to the method\'s ARN on the stage', () => {
    const { stack } = restApiWithRoutes();
    const template = templateOf(stack);

    template.hasResourceProperties('AWS::ApiGateway::Method', {
      HttpMethod: 'POST',
      Integration: { Type: 'AWS_PROXY', IntegrationHttpMethod: 'POST' },
    });
    const permissions = Object.values(template.findResources('AWS::Lambda::Permission'));
    expect(permissions).toHaveLength(2);
    const sourceArns = permissions.map(permission => JSON.stringify(permission.Properties.SourceArn));
    expect(sourceArns).toEqual(expect.arrayContaining([
      expect.stringMatching(/execute-api:eu-west-1:111111111111:.*ApiF70053CD.*ApiDeploymentStageprod[0-9A-F]+.*\/POST\/orders"/),
      expect.stringMatching(/ApiDeploymentStageprod[0-9A-F]+.*\/GET\/orders\/\*"/),
    ]));
    for (const permission of permissions) {
      expect(permission.Properties.Principal).toBe('apigateway.amazonaws.com');
    }
  });

  test('does not let the console\'s test-invoke stage call the function', () => {
    const { stack } = restApiWithRoutes();

    expect(JSON.stringify(templateOf(stack).findResources('AWS::Lambda::Permission'))).not.toMatch(/test-invoke-stage/);
  });

  test('associates a regional web ACL with the three AWS managed rule groups and a rate-based rule of 1000 per 5 minutes', () => {
    const { stack } = restApiWithRoutes();
    const template = templateOf(stack);

    template.hasResourceProperties('AWS::WAFv2::WebACL', {
      Scope: 'REGIONAL',
      DefaultAction: { Allow: {} },
      Rules: [
        Match.objectLike({ Statement: { ManagedRuleGroupStatement: { VendorName: 'AWS', Name: 'AWSManagedRulesCommonRuleSet' } }, OverrideAction: { None: {} } }),
        Match.objectLike({ Statement: { ManagedRuleGroupStatement: { VendorName: 'AWS', Name: 'AWSManagedRulesKnownBadInputsRuleSet' } } }),
        Match.objectLike({ Statement: { ManagedRuleGroupStatement: { VendorName: 'AWS', Name: 'AWSManagedRulesAmazonIpReputationList' } } }),
        Match.objectLike({ Statement: { RateBasedStatement: { Limit: 1000, AggregateKeyType: 'IP', EvaluationWindowSec: 300 } }, Action: { Block: {} } }),
      ],
    });
    template.hasResourceProperties('AWS::WAFv2::WebACLAssociation', {
      WebACLArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^ApiWebAcl'), 'Arn'] },
      ResourceArn: { 'Fn::Join': ['', Match.arrayWith([':apigateway:eu-west-1::/restapis/', { Ref: 'ApiF70053CD' }, '/stages/'])] },
    });
  });

  test('logs what the web ACL blocks, with credentials redacted, to an encrypted and retained aws-waf-logs- log group', () => {
    const { stack } = restApiWithRoutes();
    const template = templateOf(stack);

    template.hasResourceProperties('AWS::WAFv2::LoggingConfiguration', {
      ResourceArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^ApiWebAcl'), 'Arn'] },
      RedactedFields: [{ SingleHeader: { Name: 'authorization' } }, { SingleHeader: { Name: 'cookie' } }, { SingleHeader: { Name: 'x-api-key' } }],
      LoggingFilter: Match.objectLike({ DefaultBehavior: 'DROP', Filters: [Match.objectLike({ Behavior: 'KEEP' })] }),
      LogDestinationConfigs: [{ 'Fn::Join': ['', Match.arrayWith([Match.stringLikeRegexp(':log-group:aws-waf-logs-[0-9a-f]+$')])] }],
    });
    template.hasResource('AWS::Logs::LogGroup', {
      Properties: Match.objectLike({ LogGroupName: Match.stringLikeRegexp('^aws-waf-logs-'), RetentionInDays: 365, KmsKeyId: Match.anyValue() }),
      DeletionPolicy: 'Retain',
    });
  });

  test('creates the account\'s CloudWatch role once per stack, with exactly the log actions in a customer-managed policy', () => {
    const { stack } = restApiWithRoutes();
    new SecureApi(stack, 'Second').root.addMethod('GET', new apigateway.MockIntegration());
    const template = templateOf(stack);

    template.resourceCountIs('AWS::ApiGateway::Account', 1);
    template.resourceCountIs('AWS::IAM::Role', 2); // the function's and the CloudWatch role
    template.hasResource('AWS::ApiGateway::Account', {
      Properties: { CloudWatchRoleArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^SecureServerlessApiGatewayCloudWatchRole'), 'Arn'] } },
      DeletionPolicy: 'Retain',
    });
    template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: { Statement: [Match.objectLike({ Principal: { Service: 'apigateway.amazonaws.com' } })] },
      ManagedPolicyArns: Match.absent(),
    });
    template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      PolicyDocument: {
        Statement: [{
          Effect: 'Allow',
          Action: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:DescribeLogGroups', 'logs:DescribeLogStreams',
            'logs:PutLogEvents', 'logs:GetLogEvents', 'logs:FilterLogEvents'],
          Resource: [
            { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':logs:eu-west-1:111111111111:log-group:*']] },
            { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':logs:eu-west-1:111111111111:log-group:*:log-stream:*']] },
          ],
        }],
      },
    });
    expect(JSON.stringify(template.toJSON())).not.toMatch(/AmazonAPIGatewayPushToCloudWatchLogs"/);
  });

  test('deploys the stages after the account\'s CloudWatch role is set', () => {
    const { stack } = restApiWithRoutes();
    const stages = templateOf(stack).findResources('AWS::ApiGateway::Stage');

    expect(Object.values(stages)[0].DependsOn).toContain('SecureServerlessApiGatewayAccount');
  });

  test('answers DEFAULT_4XX and DEFAULT_5XX with generic bodies and security headers', () => {
    const { stack } = restApiWithRoutes();
    const template = templateOf(stack);

    for (const [type, message] of [['DEFAULT_4XX', 'The request was rejected.'], ['DEFAULT_5XX', 'The request could not be completed.']]) {
      template.hasResourceProperties('AWS::ApiGateway::GatewayResponse', {
        ResponseType: type,
        ResponseParameters: {
          'gatewayresponse.header.Strict-Transport-Security': '\'max-age=31536000; includeSubDomains\'',
          'gatewayresponse.header.X-Content-Type-Options': '\'nosniff\'',
          'gatewayresponse.header.X-Frame-Options': '\'DENY\'',
          'gatewayresponse.header.Cache-Control': '\'no-store\'',
        },
        ResponseTemplates: { 'application/json': JSON.stringify({ message, requestId: '$context.requestId' }) },
      });
    }
  });

  test('pins TLS 1.2 on a custom domain and disables the execute-api endpoint', () => {
    const stack = newStack();
    const certificate = acm.Certificate.fromCertificateArn(stack, 'Cert', 'arn:aws:acm:eu-west-1:111111111111:certificate/abc');
    new SecureApi(stack, 'Api', { domainName: { domainName: 'api.example.com', certificate } }).root.addMethod('GET', new apigateway.MockIntegration());
    const template = templateOf(stack);

    template.hasResourceProperties('AWS::ApiGateway::DomainName', { SecurityPolicy: 'TLS_1_2', EndpointConfiguration: { Types: ['REGIONAL'] } });
    template.hasResourceProperties('AWS::ApiGateway::RestApi', { DisableExecuteApiEndpoint: true });
  });

  test('a domain added later with addDomainName gets TLS 1.2 and disables the execute-api endpoint too', () => {
    const stack = newStack();
    const certificate = acm.Certificate.fromCertificateArn(stack, 'Cert', 'arn:aws:acm:eu-west-1:111111111111:certificate/abc');
    const api = new SecureApi(stack, 'Api');
    api.root.addMethod('GET', new apigateway.MockIntegration());
    api.addDomainName('Domain', { domainName: 'api.example.com', certificate });
    const template = templateOf(stack);

    template.hasResourceProperties('AWS::ApiGateway::DomainName', { SecurityPolicy: 'TLS_1_2' });
    template.hasResourceProperties('AWS::ApiGateway::RestApi', { DisableExecuteApiEndpoint: true });
  });

  test('keeps the execute-api endpoint when there is no custom domain', () => {
    const { stack } = restApiWithRoutes();

    templateOf(stack).hasResourceProperties('AWS::ApiGateway::RestApi', { DisableExecuteApiEndpoint: Match.absent() });
  });

  test('leaves CORS preflight methods open, as browsers send them without credentials', () => {
    const stack = newStack();
    new SecureApi(stack, 'Api', { defaultCorsPreflightOptions: { allowOrigins: ['https://app.example.com'] } });

    templateOf(stack).hasResourceProperties('AWS::ApiGateway::Method', { HttpMethod: 'OPTIONS', AuthorizationType: 'NONE' });
  });
});
