import { CfnResource, Validations } from 'aws-cdk-lib';

/** One finding a construct acknowledges on one of its own resources, with the reason. */
export interface FindingAcknowledgement {
  /** The exact rule id, with the finding suffix where the rule has one (`AwsSolutions-IAM5[Resource::*]`). */
  readonly id: string;
  /** Why the finding cannot apply or cannot be fixed, in words a reviewer would accept. */
  readonly reason: string;
}

/**
 * Acknowledges findings on the exact resource that trips them, never on a parent or stack.
 *
 * It records them the cdk-nag 3 way (`Validations.of(resource).acknowledge`) and also in the
 * resource's template metadata (`cdk_nag.rules_to_suppress`), so tools that read only the
 * synthesized template (cdk-nag 2 audits, our CLI) see the same acknowledgements.
 */
export function acknowledgeFindings(resource: CfnResource, ...acknowledgements: FindingAcknowledgement[]): void {
  Validations.of(resource).acknowledge(...acknowledgements);
  const existing = resource.getMetadata('cdk_nag')?.rules_to_suppress ?? [];
  resource.addMetadata('cdk_nag', {
    rules_to_suppress: [...existing, ...acknowledgements.map(a => ({ id: a.id, reason: a.reason }))],
  });
}
