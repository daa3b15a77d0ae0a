import { Annotations, AspectPriority, Aspects, CfnResource, Validations } from 'aws-cdk-lib';
import { Construct } from 'constructs';

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
 * It records them the cdk-nag 3 way (the `aws:cdk:acknowledged-rules` metadata that
 * `Validations.of(resource).acknowledge` writes, with the warnings of those ids acknowledged) and
 * also in the resource's template metadata (`cdk_nag.rules_to_suppress`), so tools that read only
 * the synthesized template (cdk-nag 2 audits, our CLI) see the same acknowledgements.
 *
 * The ids of one call go in one metadata entry, with one stack trace: `acknowledge` captures a
 * stack trace per id, and those traces were 10–20% of the synth time of bench/constructs.ts' secure app. Readers (the
 * CDK's report, cdk-nag, our review and CLI) read every id of an entry, so nothing else changes.
 */
export function acknowledgeFindings(resource: CfnResource, ...acknowledgements: FindingAcknowledgement[]): void {
  let entry: { [id: string]: string } = {};
  const record = () => {
    if (Object.keys(entry).length > 0) {
      resource.node.addMetadata(Validations.ACKNOWLEDGED_RULES_METADATA_KEY, entry, { stackTrace: true, traceFromFunction: acknowledgeFindings });
    }
    entry = {};
  };
  for (const acknowledgement of acknowledgements) {
    const qualified = qualifiedRuleId(resource, acknowledgement);
    if (qualified in entry) {
      // The same id twice in one call: two entries, as `acknowledge` would write.
      record();
    }
    entry[qualified] = acknowledgement.reason;
    if (acknowledgement.id.split('::').length <= 2) {
      // What `acknowledge` does besides recording: the CDK's warnings of that id are acknowledged too.
      Annotations.of(resource).acknowledgeWarning(qualified);
    }
  }
  record();
  const existing = resource.getMetadata('cdk_nag')?.rules_to_suppress ?? [];
  resource.addMetadata('cdk_nag', {
    rules_to_suppress: [...existing, ...acknowledgements.map(a => ({ id: a.id, reason: a.reason }))],
  });
}

/**
 * The prefix `Validations.acknowledge` gives an unprefixed id (`annotation::` on aws-cdk-lib 2.258,
 * `Annotation::` on 2.276; private in the CDK's typings), asked of the installed CDK once with a
 * probe construct, so that what we record stays what it records across versions.
 */
let annotationPrefix: string | undefined;
function cdkAnnotationPrefix(): string {
  if (annotationPrefix === undefined) {
    const probe = new Construct(undefined as unknown as Construct, 'AcknowledgementPrefixProbe');
    Validations.of(probe).acknowledge({ id: 'Probe', reason: 'asks the CDK how it records an unprefixed id' });
    const entry = probe.node.metadata.find(metadata => metadata.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY);
    const key = Object.keys((entry?.data ?? {}) as object).find(candidate => candidate.endsWith('::Probe')) ?? 'annotation::Probe';
    annotationPrefix = key.slice(0, key.length - 'Probe'.length);
  }
  return annotationPrefix;
}

/**
 * The id under which `Validations.acknowledge` records an acknowledgement: `annotation::<id>`
 * (the installed CDK's prefix)
 * for an unprefixed id, a `prefix::RuleName` id as it is. An id with a second `::` (cdk-nag
 * writes them for ARNs with pseudo parameters, `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:…]`),
 * which `acknowledge` refuses, is recorded as it is, where cdk-nag reads it. An id `acknowledge`
 * refuses otherwise (`::RuleName`) goes to it, so that it raises its own error.
 */
function qualifiedRuleId(resource: CfnResource, acknowledgement: FindingAcknowledgement): string {
  const parts = acknowledgement.id.split('::');
  if (parts.length > 2) {
    return acknowledgement.id;
  }
  if (parts.length === 2) {
    if (parts[0].length === 0) {
      Validations.of(resource).acknowledge(acknowledgement);
    }
    return acknowledgement.id;
  }
  return `${cdkAnnotationPrefix()}${acknowledgement.id}`;
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
