import { Duration } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import type { AuthorizationConfig } from './authorization-config';

/** Options of a Lambda authorizer (`ApiAuthorization.lambdaToken`, `ApiAuthorization.lambdaRequest`). */
export interface LambdaAuthorizerOptions {
  /**
   * How long API Gateway caches the authorizer's answer for the same identity.
   *
   * Caching saves an authorizer invocation per request; a revoked token stays valid that long.
   * `Duration.seconds(0)` turns caching off. At most one hour.
   *
   * @default Duration.minutes(5)
   */
  readonly resultsCacheTtl?: Duration;

  /**
   * A regular expression the token must match before the authorizer is invoked
   * (`lambdaToken` only): malformed tokens are rejected without invoking, and paying for, it.
   *
   * @default - every token is passed to the authorizer
   */
  readonly validationRegex?: string;
}

/** The kinds of authorization an `ApiAuthorization` stands for. */
export enum ApiAuthorizationKind {
  /** AWS IAM: callers sign requests with Signature Version 4. */
  IAM = 'IAM',
  /** An Amazon Cognito user pool authorizer. */
  COGNITO = 'COGNITO',
  /** A Lambda authorizer that receives a bearer token. */
  LAMBDA_TOKEN = 'LAMBDA_TOKEN',
  /** A Lambda authorizer that receives request parameters. */
  LAMBDA_REQUEST = 'LAMBDA_REQUEST',
  /** An authorizer that you created yourself. */
  CUSTOM = 'CUSTOM',
}

/**
 * How the callers of a `SecureApi` method authenticate.
 *
 * Pass one as the API's `authorization` (the default of every method) or as a route's
 * `authorization`. The API creates the authorizer the first time a method uses it, so one
 * `ApiAuthorization` may be given to several methods of the same API.
 */
export class ApiAuthorization {
  /**
   * AWS IAM authorization: callers sign requests with Signature Version 4, and need
   * `execute-api:Invoke` on the method (grant it with `method.grantExecute(principal)`).
   */
  public static iam(): ApiAuthorization {
    return new ApiAuthorization(ApiAuthorizationKind.IAM, apigateway.AuthorizationType.IAM);
  }

  /**
   * An Amazon Cognito user pool authorizer: callers send a token of the pool in the
   * `Authorization` header.
   *
   * @param userPools the pools whose tokens are accepted
   * @param scopes OAuth scopes the access token must carry; without scopes, ID tokens are accepted
   */
  public static cognito(userPools: cognito.IUserPool[], scopes?: string[]): ApiAuthorization {
    return new ApiAuthorization(ApiAuthorizationKind.COGNITO, apigateway.AuthorizationType.COGNITO, { userPools, scopes });
  }

  /**
   * A Lambda authorizer that receives the bearer token of the `Authorization` header.
   *
   * API Gateway may invoke the function only as this API's authorizer: the permission is
   * scoped to the authorizer's ARN.
   */
  public static lambdaToken(handler: lambda.IFunction, options: LambdaAuthorizerOptions = {}): ApiAuthorization {
    return new ApiAuthorization(ApiAuthorizationKind.LAMBDA_TOKEN, apigateway.AuthorizationType.CUSTOM, { handler, lambdaOptions: options });
  }

  /**
   * A Lambda authorizer that receives request parameters (headers, query strings, stage
   * variables, context).
   *
   * @param identitySources where the identity is, e.g. `apigateway.IdentitySource.header('Authorization')`;
   *   a request without them is rejected without invoking the function
   */
  public static lambdaRequest(handler: lambda.IFunction, identitySources: string[], options: LambdaAuthorizerOptions = {}): ApiAuthorization {
    return new ApiAuthorization(ApiAuthorizationKind.LAMBDA_REQUEST, apigateway.AuthorizationType.CUSTOM,
      { handler, identitySources, lambdaOptions: options });
  }

  /**
   * An authorizer you created yourself, such as an `apigateway.TokenAuthorizer` with settings
   * the other factories do not offer.
   *
   * @param scopes OAuth scopes, for a Cognito authorizer
   */
  public static fromAuthorizer(authorizer: apigateway.IAuthorizer, scopes?: string[]): ApiAuthorization {
    const type = authorizer.authorizationType ?? apigateway.AuthorizationType.CUSTOM;
    return new ApiAuthorization(ApiAuthorizationKind.CUSTOM, type, { authorizer, scopes });
  }

  /** Which kind of authorization this is. */
  public readonly kind: ApiAuthorizationKind;

  /** The authorization type that methods with this authorization render. */
  public readonly authorizationType: apigateway.AuthorizationType;

  /** @internal */
  public readonly _config: AuthorizationConfig;

  private constructor(kind: ApiAuthorizationKind, authorizationType: apigateway.AuthorizationType, config: AuthorizationConfig = {}) {
    this.kind = kind;
    this.authorizationType = authorizationType;
    this._config = config;
  }
}
