import { App, CfnResource, Stack } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import { securityFindings } from './helpers';

const RULE = 'RestApiPolicyGrantsAnyone';
const L1_FINDING = `SecureServerless-${RULE} S/Api`;
const L2_FINDING = `SecureServerless-${RULE} S/Api/Resource`;

function newStack(): Stack {
  return new Stack(new App(), 'S', { env: { account: '111111111111', region: 'eu-west-1' } });
}

/** An L2 REST API with one method and this resource policy. */
function restApi(stack: Stack, policy?: iam.PolicyDocument, props: Partial<apigateway.RestApiProps> = {}): apigateway.RestApi {
  const api = new apigateway.RestApi(stack, 'Api', { policy, ...props });
  api.root.addMethod('GET');
  return api;
}

/** An L1 REST API whose policy is these statements (an object, or its JSON text). */
function cfnRestApi(stack: Stack, statements: object[], asText = false): void {
  const document = { Version: '2012-10-17', Statement: statements };
  new CfnResource(stack, 'Api', {
    type: 'AWS::ApiGateway::RestApi',
    properties: { Name: 'api', Policy: asText ? JSON.stringify(document) : document },
  });
}

const allowAnyone = { Effect: 'Allow', Principal: '*', Action: 'execute-api:Invoke', Resource: 'execute-api:/*' };
const denyOutsideEndpoint = {
  Effect: 'Deny',
  Principal: '*',
  Action: 'execute-api:Invoke',
  Resource: 'execute-api:/*',
  Condition: { StringNotEquals: { 'aws:SourceVpce': 'vpce-1a2b3c4d' } },
};

describe('RestApiPolicyGrantsAnyone: findings', () => {
  test('flags a RestApi whose policy allows iam.AnyPrincipal to invoke it', () => {
    const stack = newStack();
    restApi(stack, new iam.PolicyDocument({
      statements: [new iam.PolicyStatement({ principals: [new iam.AnyPrincipal()], actions: ['execute-api:Invoke'], resources: ['execute-api:/*'] })],
    }));

    expect(securityFindings(stack, RULE)).toEqual([L2_FINDING]);
  });

  test('flags api.addToResourcePolicy for iam.StarPrincipal on the API\'s ARN', () => {
    const stack = newStack();
    const api = restApi(stack);
    api.addToResourcePolicy(new iam.PolicyStatement({ principals: [new iam.StarPrincipal()], actions: ['execute-api:Invoke'], resources: [api.arnForExecuteApi()] }));

    expect(securityFindings(stack, RULE)).toEqual([L2_FINDING]);
  });

  test.each([
    ['Principal "*", Action as a string', allowAnyone],
    ['Principal { AWS: "*" }, Action as a list', { ...allowAnyone, Principal: { AWS: '*' }, Action: ['execute-api:Invoke'] }],
    ['"*" among named principals', { ...allowAnyone, Principal: { AWS: ['arn:aws:iam::222222222222:root', '*'] } }],
    ['Action "*"', { ...allowAnyone, Action: '*' }],
    ['Action "execute-api:*"', { ...allowAnyone, Action: ['execute-api:*'] }],
    ['the action in lower case', { ...allowAnyone, Action: 'execute-api:invoke' }],
    ['an action pattern', { ...allowAnyone, Action: 'execute-api:Inv*' }],
    ['a NotAction that leaves Invoke', { Effect: 'Allow', Principal: '*', NotAction: 'execute-api:InvalidateCache', Resource: 'execute-api:/*' }],
    ['everyone but a NotPrincipal', { Effect: 'Allow', NotPrincipal: { AWS: 'arn:aws:iam::222222222222:root' }, Action: 'execute-api:Invoke', Resource: 'execute-api:/*' }],
    ['an Allow with StringNotEquals aws:SourceVpce', { ...allowAnyone, Condition: { StringNotEquals: { 'aws:SourceVpce': 'vpce-1a2b3c4d' } } }],
    ['an Allow with a condition that is not a scope', { ...allowAnyone, Condition: { StringLike: { 'aws:UserAgent': 'my-client/*' } } }],
    ['an Allow with the whole internet', { ...allowAnyone, Condition: { IpAddress: { 'aws:SourceIp': '0.0.0.0/0' } } }],
  ])('flags %s', (_, statement) => {
    const stack = newStack();
    cfnRestApi(stack, [statement]);

    expect(securityFindings(stack, RULE)).toEqual([L1_FINDING]);
  });

  test('flags a policy given as JSON text', () => {
    const stack = newStack();
    cfnRestApi(stack, [allowAnyone], true);

    expect(securityFindings(stack, RULE)).toEqual([L1_FINDING]);
  });

  test.each([
    ['a Deny whose endpoint is a wildcard', { ...denyOutsideEndpoint, Condition: { StringNotLike: { 'aws:SourceVpce': '*' } } }],
    ['a Deny on another stage only', { ...denyOutsideEndpoint, Resource: 'execute-api:/test/*' }],
    ['a Deny of other actions', { ...denyOutsideEndpoint, Action: 'execute-api:InvalidateCache' }],
    ['a Deny with a positive condition (it denies some, allows the rest)', { ...denyOutsideEndpoint, Condition: { StringEquals: { 'aws:SourceVpce': 'vpce-1a2b3c4d' } } }],
    ['a Deny that also needs plain HTTP', { ...denyOutsideEndpoint, Condition: { StringNotEquals: { 'aws:SourceVpce': 'vpce-1a2b3c4d' }, Bool: { 'aws:SecureTransport': 'false' } } }],
    ['a Deny with a set operator', { ...denyOutsideEndpoint, Condition: { 'ForAnyValue:StringNotEquals': { 'aws:SourceVpce': 'vpce-1a2b3c4d' } } }],
    ['a Deny with NotResource', { Effect: 'Deny', Principal: '*', Action: 'execute-api:Invoke', NotResource: 'execute-api:/prod/GET/health', Condition: denyOutsideEndpoint.Condition }],
    ['a Deny for a named principal', { ...denyOutsideEndpoint, Principal: { AWS: 'arn:aws:iam::222222222222:root' } }],
    ['a Deny without a condition on a key that identifies the caller', { ...denyOutsideEndpoint, Condition: { StringNotEquals: { 'aws:UserAgent': 'my-client' } } }],
  ])('flags an unconditional Allow next to %s', (_, deny) => {
    const stack = newStack();
    cfnRestApi(stack, [allowAnyone, deny]);

    expect(securityFindings(stack, RULE)).toEqual([L1_FINDING]);
  });
});

describe('RestApiPolicyGrantsAnyone: near-misses', () => {
  test('api.grantInvokeFromVpcEndpointsOnly (a Deny outside the endpoints and an Allow for "*")', () => {
    const stack = newStack();
    const api = restApi(stack, undefined, { endpointTypes: [apigateway.EndpointType.PRIVATE] });
    const endpoint = ec2.InterfaceVpcEndpoint.fromInterfaceVpcEndpointAttributes(stack, 'Endpoint', { vpcEndpointId: 'vpce-1a2b3c4d', port: 443 });
    api.grantInvokeFromVpcEndpointsOnly([endpoint]);

    expect(securityFindings(stack, RULE)).toEqual([]);
  });

  test('a Deny for anyone outside a VPC endpoint and an Allow for anyone with a narrowing aws:SourceVpce', () => {
    const stack = newStack();
    cfnRestApi(stack, [denyOutsideEndpoint, { ...allowAnyone, Condition: { StringEquals: { 'aws:SourceVpce': 'vpce-1a2b3c4d' } } }]);

    expect(securityFindings(stack, RULE)).toEqual([]);
  });

  test.each([
    ['the example AWS documents (lower-case key, list of resources)', { ...denyOutsideEndpoint, Resource: ['execute-api:/*'], Condition: { StringNotEquals: { 'aws:sourceVpce': 'vpce-1a2b3c4d' } } }],
    ['a Deny with StringNotEqualsIfExists and a list of endpoints', { ...denyOutsideEndpoint, Condition: { StringNotEqualsIfExists: { 'aws:SourceVpce': ['vpce-1a2b3c4d', 'vpce-5e6f7a8b'] } } }],
    ['a Deny outside an address range, operator in lower case', { ...denyOutsideEndpoint, Action: '*', Condition: { notipaddress: { 'aws:SourceIp': '203.0.113.0/24' } } }],
    ['a Deny outside the organization on every resource', { ...denyOutsideEndpoint, Action: ['execute-api:*'], Resource: '*', Condition: { StringNotEquals: { 'aws:PrincipalOrgID': 'o-abcdefghij' } } }],
    ['a Deny whose pattern covers the Allow\'s resource', { ...denyOutsideEndpoint, Resource: 'execute-api:/prod/*' }],
  ])('an unconditional Allow next to %s', (_, deny) => {
    const stack = newStack();
    cfnRestApi(stack, [{ ...allowAnyone, Resource: 'execute-api:/prod/GET/*' }, deny]);

    expect(securityFindings(stack, RULE)).toEqual([]);
  });

  test.each([
    ['an Allow from an address range, operator in lower case', { ...allowAnyone, Condition: { ipaddress: { 'aws:SourceIp': ['203.0.113.0/24'] } } }],
    ['an Allow scoped to the organization', { ...allowAnyone, Principal: { AWS: '*' }, Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-abcdefghij' } } }],
    ['an Allow for another account', { ...allowAnyone, Principal: { AWS: 'arn:aws:iam::222222222222:root' } }],
    ['an Allow for "*" of an action that is not Invoke', { ...allowAnyone, Action: 'execute-api:InvalidateCache' }],
    ['a NotAction that excludes Invoke', { Effect: 'Allow', Principal: '*', NotAction: 'execute-api:*', Resource: 'execute-api:/*' }],
    ['a Deny for "*" alone', { ...allowAnyone, Effect: 'Deny' }],
  ])('%s', (_, statement) => {
    const stack = newStack();
    cfnRestApi(stack, [statement]);

    expect(securityFindings(stack, RULE)).toEqual([]);
  });

  test('a REST API without a policy is left to the method authorization rule', () => {
    const stack = newStack();
    restApi(stack);

    expect(securityFindings(stack, RULE)).toEqual([]);
  });
});
