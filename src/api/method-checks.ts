import { Stack, Token } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import { isCorsPreflight } from './cors-preflight';

/** The HTTP methods that carry a request body, and so need a model or a stated reason. */
export const BODY_METHODS: ReadonlyArray<string> = Object.freeze(['POST', 'PUT', 'PATCH', 'ANY']);

/** The exceptions the user declared on methods, with their reasons. */
export interface DeclaredExceptions {
  readonly unauthenticated: ReadonlyMap<apigateway.Method, string>;
  readonly unvalidatedBody: ReadonlyMap<apigateway.Method, string>;
}

/**
 * The problems of the API's methods, as `path: problem. Fix: …` lines: a method without
 * authorization that is neither a CORS preflight (OPTIONS with a MOCK integration) nor declared
 * public, and a method that
 * accepts a body without a request model and a body-validating validator, unless declared.
 *
 * Runs at synth, so that it sees the methods added with the CDK's own `addMethod` too.
 */
export function methodProblems(api: apigateway.RestApi, declared: DeclaredExceptions): string[] {
  const stack = Stack.of(api);
  const bodyValidators = new Set(api.node.findAll()
    .filter((child): child is apigateway.CfnRequestValidator => child instanceof apigateway.CfnRequestValidator)
    .filter(validator => stack.resolve(validator.validateRequestBody) === true)
    .map(validator => JSON.stringify(stack.resolve(validator.ref))));
  const knownValidators = new Set(api.node.findAll()
    .filter((child): child is apigateway.CfnRequestValidator => child instanceof apigateway.CfnRequestValidator)
    .map(validator => JSON.stringify(stack.resolve(validator.ref))));

  const problems: string[] = [];
  for (const method of api.methods) {
    const cfn = method.node.defaultChild as apigateway.CfnMethod;
    const name = `${method.httpMethod} ${method.resource.path}`;
    const authorizationType = cfn.authorizationType;
    const open = !Token.isUnresolved(authorizationType)
      && (authorizationType === undefined || authorizationType === apigateway.AuthorizationType.NONE);
    if (open && !isCorsPreflight(method) && !declared.unauthenticated.has(method)) {
      problems.push(`${method.node.path}: ${name} has no authorization, so anyone who finds the URL can call it. `
        + 'Fix: give it an authorizer (the API\'s authorization applies unless the method sets authorizationType NONE), '
        + 'or declare it public with api.allowUnauthenticated(method, \'<reason>\') or addLambdaRoute(..., { allowUnauthenticated: \'<reason>\' }).');
    }
    if (BODY_METHODS.includes(method.httpMethod) && !declared.unvalidatedBody.has(method)) {
      const models = stack.resolve(cfn.requestModels) as { [contentType: string]: unknown } | undefined;
      const validatorId = cfn.requestValidatorId === undefined ? undefined : JSON.stringify(stack.resolve(cfn.requestValidatorId));
      const hasModel = models !== undefined && Object.keys(models).length > 0;
      // A validator that is not a resource of this API (an import) is given the benefit of the doubt.
      const validatesBody = validatorId !== undefined && (bodyValidators.has(validatorId) || !knownValidators.has(validatorId));
      if (!hasModel || !validatesBody) {
        problems.push(`${method.node.path}: ${name} accepts a request body that API Gateway does not validate `
          + `(${!hasModel ? 'no request model' : 'no request validator that validates the body'}), so any input reaches, and bills, the backend. `
          + 'Fix: use addLambdaRoute(..., { requestSchema }) (or requestModel), or pass requestModels and requestValidator: api.requestValidator to addMethod; '
          + 'if the backend validates the body itself, declare it with api.allowUnvalidatedBody(method, \'<reason>\').');
      }
    }
  }
  return problems;
}
