import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import type { LambdaAuthorizerOptions } from './api-authorization';

/** What a factory of `ApiAuthorization` was given. */
export interface AuthorizationConfig {
  readonly userPools?: cognito.IUserPool[];
  readonly scopes?: string[];
  readonly handler?: lambda.IFunction;
  readonly identitySources?: string[];
  readonly lambdaOptions?: LambdaAuthorizerOptions;
  readonly authorizer?: apigateway.IAuthorizer;
}
