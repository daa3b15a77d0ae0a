import { parse } from 'path';
import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag/lib/nag-rules';
import { alternatives, always, isTrue, possibly, referencedResource, upper, valuesAt } from './template-values';
import { judgeRequestSchema } from '../../../policy/json-schema';
import { RenderedResource, rendered, resourcesOfType } from '../../template-view';

/** The methods that carry a request body. */
const BODY_METHODS = ['POST', 'PUT', 'PATCH', 'ANY'];

/** API Gateway's built-in model, which accepts any object. */
const EMPTY_MODEL = 'Empty';

/**
 * An `AWS::ApiGateway::Method` that accepts a body (`POST`, `PUT`, `PATCH`, `ANY`) must name,
 * in `RequestValidatorId`, an `AWS::ApiGateway::RequestValidator` with `ValidateRequestBody` true,
 * so that API Gateway rejects a body that does not match the method's request model before it
 * reaches (and bills) the integration. `GET`, `DELETE`, `HEAD` and `OPTIONS` are not checked.
 *
 * A validator id that does not point at a validator of the same stack (a literal id, an import,
 * a parameter) is given the benefit of the doubt: the author chose a validator that the template
 * does not show. Both branches of an `Fn::If` must name a body-validating validator.
 *
 * With a body validator, each of the method's `RequestModels` must constrain the body: API
 * Gateway's `Empty` model, or an `AWS::ApiGateway::Model` of the stack whose `Schema` constrains
 * nothing (an object without typed `properties`, or with neither `required` nor
 * `additionalProperties: false`; the judgement SecureApi makes at synth, `judgeRequestSchema`), is
 * one finding per model, `Model::<name>` (the model's `Name`, else its logical id). Models the
 * template does not define (other names, imports) are not judged.
 */
export default Object.defineProperty((node: CfnResource): NagRuleResult => {
  if (node.cfnResourceType !== 'AWS::ApiGateway::Method') {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  const properties = rendered(node).properties;
  if (!possibly(valuesAt(properties, 'HttpMethod'), method => BODY_METHODS.includes(upper(method) as string))) {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  const validates = alternatives(properties.RequestValidatorId).every(validatorId => {
    if (validatorId === undefined || validatorId === null || validatorId === '') {
      return false;
    }
    const validator = referencedResource(node, validatorId, 'AWS::ApiGateway::RequestValidator');
    return validator === undefined || always(valuesAt(validator.properties, 'ValidateRequestBody'), isTrue);
  });
  if (!validates || possibly(alternatives(properties.RequestModels), hasNoModel)) {
    // A body validator without a request model has no schema to validate against: it passes any body.
    return NagRuleCompliance.NON_COMPLIANT;
  }
  const findings = [...new Set(looseModels(node, properties.RequestModels).map(name => `Model::${name}`))];
  return findings.length > 0 ? findings : NagRuleCompliance.COMPLIANT;
}, 'name', { value: parse(__filename).name });

/** Whether a method's `RequestModels` names no model at all. */
function hasNoModel(models: unknown): boolean {
  return models === undefined || models === null || (typeof models === 'object' && !Array.isArray(models) && Object.keys(models).length === 0);
}

/** The names of the request models that constrain nothing, in every branch of the method's `RequestModels`. */
function looseModels(node: CfnResource, requestModels: unknown): string[] {
  return alternatives(requestModels).flatMap(models => {
    if (models === null || typeof models !== 'object' || Array.isArray(models)) {
      return [];
    }
    return Object.values(models as { [contentType: string]: unknown }).flatMap(alternatives).flatMap(value => {
      const model = modelResource(node, value);
      if (model === undefined) {
        return value === EMPTY_MODEL ? [EMPTY_MODEL] : [];
      }
      const constrains = alternatives(model.properties.Schema).every(schema => judgeRequestSchema(schema).constrains);
      return constrains ? [] : [typeof model.properties.Name === 'string' ? model.properties.Name : model.logicalId];
    });
  });
}

/** The `AWS::ApiGateway::Model` of the stack that a `RequestModels` value names: by `Ref`, or by its literal `Name`. */
function modelResource(node: CfnResource, value: unknown): RenderedResource | undefined {
  if (typeof value === 'string') {
    return resourcesOfType(node, 'AWS::ApiGateway::Model').find(model => model.properties.Name === value);
  }
  return referencedResource(node, value, 'AWS::ApiGateway::Model');
}
