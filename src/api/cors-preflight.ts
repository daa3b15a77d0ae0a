import { Annotations, Stack, Token } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import { acknowledgeFindings } from '../core/acknowledgements';

/** Why a CORS preflight method is open: the reason recorded with its acknowledgements. */
export const CORS_PREFLIGHT_REASON = 'CORS preflight: browsers send the OPTIONS preflight request without credentials '
  + '(no Signature Version 4, no token, no API key), so a preflight method that required authorization would fail every '
  + 'cross-origin call. The method has a MOCK integration: API Gateway answers with the CORS headers itself and no code runs.';

/**
 * Whether a method is a CORS preflight: an OPTIONS method with a MOCK integration, which is
 * what `defaultCorsPreflightOptions`, `addCorsPreflight` and `addMethod('OPTIONS', new MockIntegration())`
 * create. An OPTIONS method with a real backend (Lambda, HTTP) runs code, so it is an ordinary method.
 */
export function isCorsPreflight(method: apigateway.Method): boolean {
  if (method.httpMethod !== 'OPTIONS') {
    return false;
  }
  const cfn = method.node.defaultChild as apigateway.CfnMethod;
  const integration = Token.isUnresolved(cfn.integration) ? Stack.of(method).resolve(cfn.integration) : cfn.integration;
  const type = (integration as apigateway.CfnMethod.IntegrationProperty | undefined)?.type;
  return typeof type === 'string' && !Token.isUnresolved(type) && type.toUpperCase() === 'MOCK';
}

/**
 * Opens a CORS preflight method of a `SecureApi`: no authorization and no API key, whatever the
 * API's default method options say, and acknowledges AwsSolutions-APIG4 on it (the only rule of
 * the packs that reports an unauthenticated preflight: AwsSolutions-COG4 skips OPTIONS methods, and
 * SecureServerless-RestApiMethodAuthorization skips MOCK OPTIONS methods).
 *
 * Changes the stage's deployment id when it changes the method, so that the change is deployed.
 */
export function openCorsPreflight(method: apigateway.Method): void {
  const cfn = method.node.defaultChild as apigateway.CfnMethod;
  const changed = cfn.authorizationType !== apigateway.AuthorizationType.NONE
    || cfn.authorizerId !== undefined || cfn.authorizationScopes !== undefined || cfn.apiKeyRequired === true;
  cfn.authorizationType = apigateway.AuthorizationType.NONE;
  cfn.authorizerId = undefined;
  cfn.authorizationScopes = undefined;
  cfn.apiKeyRequired = false;
  if (changed) {
    method.api.latestDeployment?.addToLogicalId({ corsPreflightWithoutAuthorization: method.node.path });
  }
  if ((method.resource.defaultMethodOptions?.authorizationScopes ?? []).length > 0) {
    // With Cognito scopes as the default, the CDK warns that a NONE method ignores them: that is the point.
    Annotations.of(method).acknowledgeWarning('@aws-cdk/aws-apigateway:invalidAuthScope', 'A CORS preflight has no OAuth scopes to check.');
  }
  acknowledgeFindings(cfn, { id: 'AwsSolutions-APIG4', reason: CORS_PREFLIGHT_REASON });
}
