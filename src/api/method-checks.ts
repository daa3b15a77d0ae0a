import { Stack, Token } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import { IConstruct } from 'constructs';
import { isCorsPreflight } from './cors-preflight';
import { judgeRequestSchema, SchemaJudgement } from '../policy/json-schema';

/** The HTTP methods that carry a request body, and so need a model or a stated reason. */
export const BODY_METHODS: ReadonlyArray<string> = Object.freeze(['POST', 'PUT', 'PATCH', 'ANY']);

/** What to do about a request schema that constrains nothing. */
export const REQUEST_SCHEMA_FIX = 'declare the body\'s properties, each with a type, and list the ones callers must send in required '
  + 'or set additionalProperties: false (ideally both), e.g. { type: OBJECT, properties: { item: { type: STRING } }, required: [\'item\'], '
  + 'additionalProperties: false }; if the function validates the body itself, set allowUnvalidatedBody to the reason instead.';

/**
 * The judgement of a request model whose schema this app defines: API Gateway's `Empty` model
 * constrains nothing; a model of another app (an import) is not judged (`undefined`).
 */
export function judgeRequestModel(model: apigateway.IModel): SchemaJudgement | undefined {
  if (model.modelId === apigateway.Model.EMPTY_MODEL.modelId) {
    return { constrains: false, reason: 'is API Gateway\'s Empty model, which accepts any object' };
  }
  const cfn = (model as Partial<IConstruct>).node?.defaultChild as apigateway.CfnModel | undefined;
  return cfn?.cfnResourceType === 'AWS::ApiGateway::Model' ? judgeRequestSchema(Stack.of(cfn).resolve(cfn.schema)) : undefined;
}

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

  const modelResources = new Map(stack.node.findAll()
    .filter((child): child is apigateway.CfnModel => child instanceof apigateway.CfnModel)
    .map(model => [JSON.stringify(stack.resolve(model.ref)), model]));

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
      for (const [contentType, modelId] of Object.entries(models ?? {})) {
        const resource = modelResources.get(JSON.stringify(modelId));
        const judgement = resource !== undefined ? judgeRequestSchema(stack.resolve(resource.schema))
          : modelId === apigateway.Model.EMPTY_MODEL.modelId ? judgeRequestModel(apigateway.Model.EMPTY_MODEL) : undefined;
        if (judgement !== undefined && !judgement.constrains) {
          problems.push(`${method.node.path}: ${name}'s request model for ${contentType} (${resource?.node.path ?? modelId}) ${judgement.reason}, `
            + `so the validator checks nothing and any input reaches, and bills, the backend. Fix: ${REQUEST_SCHEMA_FIX}`);
        }
      }
    }
  }
  return problems;
}
