import { parse } from 'path';
import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { alternatives, always, isTrue, possibly, referencedResource, upper, valuesAt } from './template-values';
import { rendered } from '../../template-view';

/** The methods that carry a request body. */
const BODY_METHODS = ['POST', 'PUT', 'PATCH', 'ANY'];

/**
 * An `AWS::ApiGateway::Method` that accepts a body (`POST`, `PUT`, `PATCH`, `ANY`) must name,
 * in `RequestValidatorId`, an `AWS::ApiGateway::RequestValidator` with `ValidateRequestBody` true,
 * so that API Gateway rejects a body that does not match the method's request model before it
 * reaches (and bills) the integration. `GET`, `DELETE`, `HEAD` and `OPTIONS` are not checked.
 *
 * A validator id that does not point at a validator of the same stack (a literal id, an import,
 * a parameter) is given the benefit of the doubt: the author chose a validator that the template
 * does not show. Both branches of an `Fn::If` must name a body-validating validator.
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
  return validates ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NON_COMPLIANT;
}, 'name', { value: parse(__filename).name });
