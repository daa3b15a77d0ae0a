import { ArnFormat, Duration, Stack, Token } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { ApiAuthorization, ApiAuthorizationKind } from './api-authorization';
import { secureValidationError } from '../core/errors';

/** The method options that put a method under an `ApiAuthorization`. */
export interface AuthorizationMethodOptions {
  readonly authorizationType: apigateway.AuthorizationType;
  readonly authorizer: apigateway.IAuthorizer;
  readonly authorizationScopes?: string[];
}

/** The longest API Gateway caches an authorizer's answer. */
const MAX_CACHE_TTL = Duration.hours(1);

/**
 * Creates, once per API and `ApiAuthorization`, the authorizer resource it needs, and returns the
 * method options that use it.
 *
 * The authorizers are written as `CfnAuthorizer`s, not the CDK's `TokenAuthorizer` or
 * `CognitoUserPoolsAuthorizer`, because the API's default method options must name the
 * authorizer before the API exists, and those classes attach to an API only through an internal
 * method. Both the authorization type and the authorizer are always set, so that a method can
 * use another authorization than the API's default (the CDK refuses a mismatch otherwise).
 */
export class AuthorizerFactory {
  private readonly created = new Map<ApiAuthorization, AuthorizationMethodOptions>();
  private count = 0;

  constructor(private readonly api: apigateway.RestApi) {}

  /** The method options for the authorization, creating its authorizer on first use. */
  public optionsFor(authorization: ApiAuthorization, prop: string): AuthorizationMethodOptions {
    const existing = this.created.get(authorization);
    if (existing) {
      return existing;
    }
    validateAuthorization(this.api, authorization, prop);
    const options = this.create(authorization);
    this.created.set(authorization, options);
    return options;
  }

  private create(authorization: ApiAuthorization): AuthorizationMethodOptions {
    const config = authorization._config;
    switch (authorization.kind) {
      case ApiAuthorizationKind.IAM:
        // No authorizer resource: an authorizer with an empty id renders no AuthorizerId, as the
        // CDK's own CORS preflight methods do.
        return { authorizationType: apigateway.AuthorizationType.IAM, authorizer: { authorizerId: '', authorizationType: apigateway.AuthorizationType.IAM } };
      case ApiAuthorizationKind.CUSTOM:
        return {
          authorizationType: authorization.authorizationType,
          authorizer: config.authorizer!,
          authorizationScopes: authorization.authorizationType === apigateway.AuthorizationType.COGNITO ? config.scopes : undefined,
        };
      default:
        return this.createAuthorizerResource(authorization);
    }
  }

  private createAuthorizerResource(authorization: ApiAuthorization): AuthorizationMethodOptions {
    const config = authorization._config;
    const id = this.count === 0 ? 'Authorizer' : `Authorizer${this.count + 1}`;
    this.count++;
    const name = `${this.api.node.id}${id}`;
    let resource: apigateway.CfnAuthorizer;
    if (authorization.kind === ApiAuthorizationKind.COGNITO) {
      resource = new apigateway.CfnAuthorizer(this.api, id, {
        restApiId: this.api.restApiId,
        name,
        type: 'COGNITO_USER_POOLS',
        providerArns: config.userPools!.map(pool => pool.userPoolArn),
        identitySource: apigateway.IdentitySource.header('Authorization'),
      });
    } else {
      const handler = config.handler!;
      const token = authorization.kind === ApiAuthorizationKind.LAMBDA_TOKEN;
      resource = new apigateway.CfnAuthorizer(this.api, id, {
        restApiId: this.api.restApiId,
        name,
        type: token ? 'TOKEN' : 'REQUEST',
        authorizerUri: Stack.of(this.api).formatArn({
          service: 'apigateway',
          account: 'lambda',
          resource: 'path/2015-03-31/functions',
          resourceName: `${handler.functionArn}/invocations`,
          arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
        }),
        identitySource: token ? apigateway.IdentitySource.header('Authorization') : config.identitySources!.join(','),
        identityValidationExpression: token ? config.lambdaOptions?.validationRegex : undefined,
        authorizerResultTtlInSeconds: (config.lambdaOptions?.resultsCacheTtl ?? Duration.minutes(5)).toSeconds(),
      });
      // API Gateway may invoke the function as this authorizer of this API, and as nothing else.
      handler.addPermission(`${this.api.node.id}${id}Invoke`, {
        principal: new iam.ServicePrincipal('apigateway.amazonaws.com'),
        sourceArn: Stack.of(this.api).formatArn({
          service: 'execute-api',
          resource: this.api.restApiId,
          resourceName: `authorizers/${resource.ref}`,
          arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
        }),
        scope: this.api,
      });
    }
    return {
      authorizationType: authorization.authorizationType,
      authorizer: { authorizerId: resource.ref, authorizationType: authorization.authorizationType },
      authorizationScopes: authorization.kind === ApiAuthorizationKind.COGNITO ? config.scopes : undefined,
    };
  }
}

/** Refuses an authorization whose factory was given something API Gateway would reject. */
function validateAuthorization(scope: Construct, authorization: ApiAuthorization, prop: string): void {
  const config = authorization._config;
  const fail = (name: string, problem: string, fix: string) => {
    throw secureValidationError(scope, name, problem, fix);
  };
  if (authorization.kind === ApiAuthorizationKind.COGNITO && (config.userPools ?? []).length === 0) {
    fail('EmptyUserPools', `${prop} is ApiAuthorization.cognito() without a user pool, so no token could ever be accepted.`,
      'pass at least one user pool: ApiAuthorization.cognito([userPool]).');
  }
  if (authorization.kind === ApiAuthorizationKind.LAMBDA_REQUEST && (config.identitySources ?? []).length === 0) {
    fail('EmptyIdentitySources', `${prop} is ApiAuthorization.lambdaRequest() without identity sources; API Gateway requires at least one.`,
      'pass the identity sources, e.g. [apigateway.IdentitySource.header(\'Authorization\')].');
  }
  const ttl = config.lambdaOptions?.resultsCacheTtl;
  if (ttl !== undefined && !ttl.isUnresolved()) {
    const ms = ttl.toMilliseconds();
    if (ms % 1000 !== 0 || ms > MAX_CACHE_TTL.toMilliseconds()) {
      fail('InvalidAuthorizerCacheTtl', `${prop} has a resultsCacheTtl of ${ttl.toHumanString()}; API Gateway caches whole seconds, up to one hour.`,
        'set resultsCacheTtl to whole seconds between 0 and 3600 (the default is 5 minutes).');
    }
  }
  for (const scopeName of config.scopes ?? []) {
    if (!Token.isUnresolved(scopeName) && scopeName.trim().length === 0) {
      fail('EmptyAuthorizationScope', `${prop} lists an empty OAuth scope.`, 'remove the empty scope, or name the scope the access token must carry.');
    }
  }
}
