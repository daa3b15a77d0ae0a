import { Token } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import { Construct } from 'constructs';
import { SECURE_API_DEFAULTS, WAF_RATE_LIMIT_RANGE } from './defaults';
import { checkBurstLimit, checkOverrideWithinStage, checkRateLimit, checkReason, Fail } from './limits-validation';
import type { SecureApiProps } from './secure-api';
import { futurePath, secureValidationError } from '../core/errors';

/** A function that throws the validation error of a construct that does not exist yet. */
export function failFor(scope: Construct, path: string): Fail {
  return (name, problem, fix) => {
    throw secureValidationError(scope, name, problem, fix, path);
  };
}

/**
 * Refuses every invalid prop and combination of `SecureApiProps` with an error that names the
 * construct path, the prop and the fix, before the API is created.
 */
export function validateSecureApiProps(scope: Construct, id: string, props: SecureApiProps): void {
  const fail = failFor(scope, futurePath(scope, id));
  const deployOptions = props.deployOptions ?? {};

  if (props.deploy === false) {
    fail('DeployDisabled', 'deploy is false, so the API would have no stage for its throttling, logging, tracing and web ACL.',
      'leave out deploy: SecureApi deploys and hardens its stage.');
  }
  if (props.cloudWatchRoleRemovalPolicy !== undefined) {
    fail('UnsupportedCloudWatchRoleRemovalPolicy', 'cloudWatchRoleRemovalPolicy is set, but the CloudWatch role is shared by every API of the stack and always retained.',
      'leave out cloudWatchRoleRemovalPolicy; set cloudWatchRole: false if another stack already sets up the account\'s CloudWatch role.');
  }

  checkRateLimit(fail, 'deployOptions.throttlingRateLimit', deployOptions.throttlingRateLimit);
  checkBurstLimit(fail, 'deployOptions.throttlingBurstLimit', deployOptions.throttlingBurstLimit);
  for (const [path, options] of Object.entries(deployOptions.methodOptions ?? {})) {
    checkRateLimit(fail, `deployOptions.methodOptions['${path}'].throttlingRateLimit`, options.throttlingRateLimit);
    checkBurstLimit(fail, `deployOptions.methodOptions['${path}'].throttlingBurstLimit`, options.throttlingBurstLimit);
    checkOverrideWithinStage(fail, `deployOptions.methodOptions['${path}']`,
      { rateLimit: options.throttlingRateLimit, burstLimit: options.throttlingBurstLimit },
      {
        rateLimit: deployOptions.throttlingRateLimit ?? SECURE_API_DEFAULTS.throttlingRateLimit,
        burstLimit: deployOptions.throttlingBurstLimit ?? SECURE_API_DEFAULTS.throttlingBurstLimit,
      });
  }

  checkReason(fail, 'allowDataTrace', props.allowDataTrace);
  const dataTraceAt = [
    ...(deployOptions.dataTraceEnabled === true ? ['deployOptions.dataTraceEnabled'] : []),
    ...Object.entries(deployOptions.methodOptions ?? {})
      .filter(([, options]) => options.dataTraceEnabled === true)
      .map(([path]) => `deployOptions.methodOptions['${path}'].dataTraceEnabled`),
  ];
  if (dataTraceAt.length > 0 && props.allowDataTrace === undefined) {
    fail('DataTraceWithoutReason', `${dataTraceAt.join(' and ')} is true; data trace writes every request and response, headers and bodies `
      + 'with their tokens, passwords and personal data, to CloudWatch Logs.',
    'leave data trace off and rely on the access logs and ERROR execution logs; if you must trace for a while, set allowDataTrace to the reason.');
  }

  if (props.waf === false && props.webAclArn !== undefined) {
    fail('ConflictingWafProps', 'webAclArn is set but waf is false.', 'leave out waf to associate your web ACL, or leave out webAclArn to run without one.');
  }
  if (props.wafRateLimit !== undefined) {
    if (props.waf === false || props.webAclArn !== undefined) {
      fail('ConflictingWafProps', `wafRateLimit is set but ${props.waf === false ? 'waf is false' : 'webAclArn names your own web ACL'}, so no web ACL of this construct would use it.`,
        'leave out wafRateLimit, or let the construct create its web ACL.');
    }
    const limit = props.wafRateLimit;
    if (!Token.isUnresolved(limit) && (!Number.isInteger(limit) || limit < WAF_RATE_LIMIT_RANGE.min || limit > WAF_RATE_LIMIT_RANGE.max)) {
      fail('InvalidWafRateLimit', `wafRateLimit is ${limit}; AWS WAF takes a whole number of requests per 5 minutes from ${WAF_RATE_LIMIT_RANGE.min} to ${WAF_RATE_LIMIT_RANGE.max}.`,
        'set wafRateLimit within that range (the default is 1000 requests per 5 minutes per IP address).');
    }
  }
  if (props.webAclArn !== undefined && !Token.isUnresolved(props.webAclArn) && !/^arn:[\w-]+:wafv2:[\w-]+:\d{12}:regional\/webacl\//.test(props.webAclArn)) {
    fail('InvalidWebAclArn', `webAclArn '${props.webAclArn}' is not the ARN of a regional AWS WAF web ACL (arn:aws:wafv2:<region>:<account>:regional/webacl/<name>/<id>).`,
      'pass the ARN of a REGIONAL web ACL in the API\'s region; CloudFront (global) web ACLs cannot protect an API Gateway stage.');
  }

  if (props.accessLogRetention !== undefined && deployOptions.accessLogDestination !== undefined) {
    fail('ConflictingAccessLogProps', 'accessLogRetention and deployOptions.accessLogDestination are both set; the retention applies only to the log group this construct creates.',
      'set the retention on your own destination and leave out accessLogRetention.');
  }

  if (props.authorization !== undefined
    && (props.defaultMethodOptions?.authorizer !== undefined || props.defaultMethodOptions?.authorizationType !== undefined)) {
    fail('ConflictingAuthorizationProps', 'authorization and defaultMethodOptions.authorizer (or authorizationType) are both set.',
      'set the default authorization once: authorization (e.g. ApiAuthorization.cognito([pool])) or defaultMethodOptions, not both.');
  }
  if (props.defaultMethodOptions?.authorizationType === apigateway.AuthorizationType.NONE && props.defaultMethodOptions.authorizer === undefined) {
    fail('UnauthenticatedDefault', 'defaultMethodOptions.authorizationType is NONE, which would open every method of the API to anyone.',
      'keep an authenticated default (the default is ApiAuthorization.iam()) and open single methods with addLambdaRoute(..., { allowUnauthenticated: \'<reason>\' }) or api.allowUnauthenticated(method, \'<reason>\').');
  }

  for (const [name, value] of Object.entries(props.gatewayResponseHeaders ?? {})) {
    if (!Token.isUnresolved(value) && value.includes('\'')) {
      fail('InvalidGatewayResponseHeader', `gatewayResponseHeaders['${name}'] contains a single quote, which ends the literal that API Gateway reads.`,
        'write the header value without single quotes (they are added around it for you).');
    }
  }
}

/** Refuses a custom domain that would accept TLS 1.0 or 1.1. */
export function checkDomainSecurityPolicy(fail: Fail, prop: string, policy: string | undefined): void {
  if (policy === 'TLS_1_0') {
    fail('InsecureTlsPolicy', `${prop} is TLS_1_0; TLS 1.0 and 1.1 are deprecated (RFC 8996) and open to downgrade attacks.`,
      `leave out ${prop} (the default is TLS_1_2) or choose an enhanced TLS 1.3 policy.`);
  }
}
