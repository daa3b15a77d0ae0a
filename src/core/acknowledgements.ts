import { AspectPriority, Aspects, CfnResource, Validations } from 'aws-cdk-lib';

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
  for (const acknowledgement of acknowledgements) {
    if (acknowledgement.id.split('::').length > 2) {
      // `Validations.acknowledge` reserves `::` for its own prefix and refuses ids with a second
      // one, which cdk-nag writes for ARNs with pseudo parameters
      // (`AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:…]`): record it where cdk-nag reads it.
      resource.node.addMetadata(Validations.ACKNOWLEDGED_RULES_METADATA_KEY, { [acknowledgement.id]: acknowledgement.reason });
    } else {
      Validations.of(resource).acknowledge(acknowledgement);
    }
  }
  const existing = resource.getMetadata('cdk_nag')?.rules_to_suppress ?? [];
  resource.addMetadata('cdk_nag', {
    rules_to_suppress: [...existing, ...acknowledgements.map(a => ({ id: a.id, reason: a.reason }))],
  });
}

/**
 * Acknowledges findings on a resource only if they can occur, which some rules decide from the
 * rest of the stack: cdk-nag passes a queue that another queue or a function uses as its
 * dead-letter queue, and a bucket that other buckets send their access logs to. So the decision
 * waits for synth (an aspect that runs after the mutating ones, when every resource that could
 * change it exists and is configured): an acknowledgement written where the finding cannot
 * occur would be stale, and would hide the finding if it came back.
 *
 * @param findingCanOccur asked once, at synth
 */
export function acknowledgeWhereFindingCanOccur(
  resource: CfnResource, findingCanOccur: () => boolean, ...acknowledgements: FindingAcknowledgement[]
): void {
  Aspects.of(resource).add({
    visit: node => {
      if (node === resource && findingCanOccur()) {
        acknowledgeFindings(resource, ...acknowledgements);
      }
    },
  }, { priority: AspectPriority.READONLY });
}
