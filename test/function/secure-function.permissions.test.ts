import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { securityFindings } from '../checks/helpers';
import { newStack } from '../helpers';
import { FUNCTION_VARIANTS } from './variants';

// Every test runs for each variant: the posture is one module, and this proves it is applied the same.
describe.each(FUNCTION_VARIANTS)('%s', (_variant, makeFunction) => {
  describe('SecureFunction function URLs', () => {
    test('allows a URL with AWS IAM auth', () => {
      const stack = newStack();
      const fn = makeFunction(stack, 'Fn');

      fn.addFunctionUrl({ authType: lambda.FunctionUrlAuthType.AWS_IAM });

      Template.fromStack(stack).hasResourceProperties('AWS::Lambda::Url', { AuthType: 'AWS_IAM' });
      Template.fromStack(stack).resourceCountIs('AWS::Lambda::Permission', 0);
    });

    test('fails on a public URL without allowPublicUrl', () => {
      const fn = makeFunction(newStack(), 'Fn');

      expect(() => fn.addFunctionUrl({ authType: lambda.FunctionUrlAuthType.NONE }))
        .toThrow(/TestStack\/Fn: a function URL with FunctionUrlAuthType.NONE lets anyone on the internet invoke the function.*Fix: use authType: FunctionUrlAuthType.AWS_IAM.*set allowPublicUrl/);
    });

    test('fails on a public URL created directly with the FunctionUrl construct', () => {
      const stack = newStack();
      const fn = makeFunction(stack, 'Fn');

      expect(() => new lambda.FunctionUrl(stack, 'Url', { function: fn, authType: lambda.FunctionUrlAuthType.NONE }))
        .toThrow(/FunctionUrlAuthType.NONE/);
    });

    test('allows a public URL with a reason', () => {
      const stack = newStack();
      const fn = makeFunction(stack, 'Fn', { allowPublicUrl: 'public webhook, verified by HMAC in the handler' });

      fn.addFunctionUrl({ authType: lambda.FunctionUrlAuthType.NONE });

      const template = Template.fromStack(stack);
      template.hasResourceProperties('AWS::Lambda::Url', { AuthType: 'NONE' });
      template.hasResourceProperties('AWS::Lambda::Permission', { Principal: '*', FunctionUrlAuthType: 'NONE' });
      template.hasResource('AWS::Lambda::Url', {
        Metadata: { cdk_nag: { rules_to_suppress: [{ id: 'SecureServerless-LambdaFunctionUrlAuth', reason: 'Public by design (allowPublicUrl): public webhook, verified by HMAC in the handler' }] } },
      });
    });

    test('acknowledges a public URL created directly with the FunctionUrl construct, with the reason, and only that URL', () => {
      const stack = newStack();
      const fn = makeFunction(stack, 'Fn', { allowPublicUrl: 'public webhook, verified by HMAC in the handler' });

      new lambda.FunctionUrl(stack, 'Public', { function: fn, authType: lambda.FunctionUrlAuthType.NONE });
      new lambda.FunctionUrl(stack, 'Signed', { function: fn, authType: lambda.FunctionUrlAuthType.AWS_IAM });

      const urls = Template.fromStack(stack).findResources('AWS::Lambda::Url');
      const acknowledged = Object.values(urls).map((url: any) => [url.Properties.AuthType, url.Metadata?.cdk_nag?.rules_to_suppress ?? []]);
      expect(acknowledged.sort()).toEqual([
        ['AWS_IAM', []],
        ['NONE', [{ id: 'SecureServerless-LambdaFunctionUrlAuth', reason: 'Public by design (allowPublicUrl): public webhook, verified by HMAC in the handler' }]],
      ]);
      expect(securityFindings(stack, 'LambdaFunctionUrlAuth')).toEqual([]);
    });
  });

  describe('SecureFunction permissions', () => {
    test('fails on a permission for any principal with no condition', () => {
      const fn = makeFunction(newStack(), 'Fn');

      expect(() => fn.addPermission('Anyone', { principal: new iam.AnyPrincipal() }))
        .toThrow(/TestStack\/Fn: permission 'Anyone' lets any principal invoke the function. Fix: grant a specific principal/);
      expect(() => fn.addPermission('Star', { principal: new iam.StarPrincipal() })).toThrow(/lets any principal/);
      expect(() => fn.addPermission('Arn', { principal: new iam.ArnPrincipal('*') })).toThrow(/lets any principal/);
    });

    test('fails on a grantInvoke to any principal', () => {
      const fn = makeFunction(newStack(), 'Fn');

      expect(() => fn.grantInvoke(new iam.AnyPrincipal())).toThrow(/lets any principal/);
    });

    test('allows any principal limited to an organization, an account or a source', () => {
      const stack = newStack();
      const fn = makeFunction(stack, 'Fn');

      fn.addPermission('Org', { principal: new iam.AnyPrincipal(), organizationId: 'o-abc123' });
      fn.addPermission('Account', { principal: new iam.AnyPrincipal(), sourceAccount: '222222222222' });

      Template.fromStack(stack).resourceCountIs('AWS::Lambda::Permission', 2);
    });

    test('allows a specific account principal', () => {
      const stack = newStack();
      const fn = makeFunction(stack, 'Fn');

      fn.grantInvoke(new iam.AccountPrincipal('222222222222'));

      Template.fromStack(stack).hasResourceProperties('AWS::Lambda::Permission', { Principal: '222222222222' });
    });

    test('warns on a service principal with no source ARN or account', () => {
      const stack = newStack();
      const fn = makeFunction(stack, 'Fn');

      fn.addPermission('S3', { principal: new iam.ServicePrincipal('s3.amazonaws.com') });

      Annotations.fromStack(stack).hasWarning('/TestStack/Fn', Match.stringLikeRegexp("permission 'S3' lets a service principal invoke the function without sourceArn"));
    });

    test('does not warn on a service principal with a source ARN', () => {
      const stack = newStack();
      const fn = makeFunction(stack, 'Fn');

      fn.addPermission('S3', { principal: new iam.ServicePrincipal('s3.amazonaws.com'), sourceArn: 'arn:aws:s3:::my-bucket' });

      Annotations.fromStack(stack).hasNoWarning('/TestStack/Fn', Match.stringLikeRegexp('service principal'));
    });
  });
});
