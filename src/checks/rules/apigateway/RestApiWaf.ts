import { parse } from 'path';
import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag/lib/nag-rules';
import { flatten, isSet, restStageOf, RestStage } from './template-values';
import { resourcesOfType } from '../../template-view';

/** The association types that attach a web ACL to a REST API stage. */
const ASSOCIATION_TYPES = ['AWS::WAFv2::WebACLAssociation', 'AWS::WAFRegional::WebACLAssociation'];

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Whether the ARN names this stage: `…/restapis/<api id>/stages/<stage>`, where the api id is the
 * stage's `RestApiId` (the same `Ref` or literal) and the stage is a `Ref` to the stage resource
 * or its literal `StageName`. ARNs are compared in a flattened form, so `Fn::Join` (what the CDK's
 * `stage.stageArn` renders), `Fn::Sub` and literal ARNs all match.
 */
function namesStage(arn: unknown, stage: RestStage): boolean {
  const stageTokens = [];
  if (stage.resource.type === 'AWS::ApiGateway::Stage') {
    stageTokens.push(flatten({ Ref: stage.resource.logicalId }));
  }
  if (isSet(stage.stageName)) {
    stageTokens.push(flatten(stage.stageName));
  }
  const api = escape(flatten(stage.restApiId));
  const pattern = new RegExp(`/restapis/${api}/stages/(${stageTokens.map(escape).join('|')})$`);
  return pattern.test(flatten(arn));
}

/**
 * A REST API stage (`AWS::ApiGateway::Stage`, or the stage a deployment's `StageName` creates)
 * should have a web ACL: an `AWS::WAFv2::WebACLAssociation` (or a classic
 * `AWS::WAFRegional::WebACLAssociation`) in the same stack whose `ResourceArn` is the stage's ARN.
 * An association in another stack cannot be seen and is reported; acknowledge the finding there.
 */
export default Object.defineProperty((node: CfnResource): NagRuleResult => {
  const stage = restStageOf(node);
  if (!stage) {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  const associated = ASSOCIATION_TYPES
    .flatMap(type => resourcesOfType(node, type))
    .some(association => namesStage(association.properties.ResourceArn, stage));
  return associated ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NON_COMPLIANT;
}, 'name', { value: parse(__filename).name });
