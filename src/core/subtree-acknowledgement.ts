import { CfnResource, Validations } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { secureValidationError } from './errors';

/**
 * Acknowledges a rule across a construct subtree with one reason: for the CDK's own helper
 * constructs (custom-resource providers, bucket deployments) and for large legacy stacks
 * adopted as they are.
 *
 * Prefer acknowledging the exact resource (`Validations.of(resource).acknowledge`): a subtree
 * acknowledgement also hides the finding on every resource added under the scope later.
 * `cdk-secure-serverless report` lists each subtree acknowledgement with the number of
 * resources it covers, and `ServerlessSecurityChecks` warns when it matches no finding.
 */
export class SubtreeAcknowledgement {
  /**
   * The metadata type that records an acknowledgement made for a whole subtree (beside the
   * CDK's own `aws:cdk:acknowledged-rules`), so that `cdk-secure-serverless report` can say how
   * far it reaches.
   */
  public static readonly METADATA_TYPE = 'cdk-secure-serverless:subtree-acknowledgement';

  /**
   * Acknowledges the finding `id` on `scope` and every construct under it, as cdk-nag 3 reads
   * acknowledgements (an acknowledgement on a construct covers the resources under it).
   *
   * @param scope the root of the subtree: a construct, a stack or a stage
   * @param id the exact rule id, with the finding suffix where the rule has one (cdk-nag matches it exactly)
   * @param reason why the finding cannot apply or cannot be fixed anywhere in the subtree
   * @returns the number of CloudFormation resources the subtree has now (its reach so far)
   */
  public static acknowledge(scope: IConstruct, id: string, reason: string): number {
    if (id.trim() === '' || /\s/.test(id)) {
      throw secureValidationError(scope, 'SubtreeAcknowledgementId', `SubtreeAcknowledgement.acknowledge needs a rule id without spaces, got '${id}'.`,
        'give the id as findings show it (SecureServerless-LambdaTracing).', scope.node.path || 'the app');
    }
    if (reason.trim() === '') {
      throw secureValidationError(scope, 'SubtreeAcknowledgementWithoutReason', `the acknowledgement of ${id} gives no reason.`,
        'say why the finding cannot apply or cannot be fixed anywhere under this construct.', scope.node.path || 'the app');
    }
    if (id.split('::').length > 2) {
      // `Validations.acknowledge` refuses ids with a second `::` (ARNs with pseudo parameters): record it where cdk-nag reads it.
      scope.node.addMetadata(Validations.ACKNOWLEDGED_RULES_METADATA_KEY, { [id]: reason });
    } else {
      Validations.of(scope).acknowledge({ id, reason });
    }
    scope.node.addMetadata(SubtreeAcknowledgement.METADATA_TYPE, { id, reason });
    return scope.node.findAll().filter(construct => CfnResource.isCfnResource(construct)).length;
  }

  private constructor() {
  }
}
