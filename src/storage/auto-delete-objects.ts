import { CfnResource, Stack } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { COMPLIANCE_PACKS } from './reasons';
import { acknowledgeFindings } from '../core/acknowledgements';

/** The construct id the CDK gives the one auto-delete provider of a stack, directly under the stack. */
const PROVIDER_ID = 'Custom::S3AutoDeleteObjectsCustomResourceProvider';

/**
 * The findings on the provider's role: its AWS managed logging policy, which the CDK attaches and
 * does not let anyone change.
 */
export const AUTO_DELETE_ROLE_FINDINGS = Object.freeze([
  'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
]);

/**
 * The findings on the provider's function, a raw `AWS::Lambda::Function` whose runtime, VPC,
 * concurrency, dead-letter queue and tracing the CDK sets and does not let anyone change. The
 * packs find them when they read the synthesized template (the CLI's `--pack`), where the
 * function is an `lambda.CfnFunction`; at synth time they skip the raw resource.
 */
export const AUTO_DELETE_HANDLER_FINDINGS = Object.freeze([
  'AwsSolutions-L1',
  ...COMPLIANCE_PACKS.map(pack => `${pack}-LambdaInsideVPC`),
  ...['HIPAA.Security', 'NIST.800.53.R5'].flatMap(pack => [`${pack}-LambdaConcurrency`, `${pack}-LambdaDLQ`]),
  'Serverless-LambdaDLQ',
  'Serverless-LambdaLatestVersion',
  'Serverless-LambdaTracing',
]);

const acknowledged = new WeakSet<CfnResource>();

/**
 * Acknowledges, with the bucket's `autoDeleteObjectsReason`, the findings that the CDK's
 * auto-delete custom resource raises on its own resources: its provider's role and function,
 * one per stack (the first auto-deleting bucket of the stack records its reason there).
 */
export function acknowledgeAutoDeleteProvider(bucket: IConstruct, reason: string): void {
  const provider = Stack.of(bucket).node.tryFindChild(PROVIDER_ID);
  const describe = (what: string) => `The CDK's auto-delete custom resource (${what}), which empties the bucket ${bucket.node.path} when it `
    + `leaves the stack; the CDK sets it up and does not let it be configured. Deployed by design (autoDeleteObjectsReason): ${reason}`;
  const findings: Array<[string, readonly string[], string]> = [
    ['Role', AUTO_DELETE_ROLE_FINDINGS, 'its role, with the AWS managed AWSLambdaBasicExecutionRole for its logs'],
    ['Handler', AUTO_DELETE_HANDLER_FINDINGS, 'its Lambda function, which runs only when a bucket is deleted or replaced'],
  ];
  for (const [id, ids, what] of findings) {
    const resource = provider?.node.tryFindChild(id);
    if (resource === undefined || !CfnResource.isCfnResource(resource) || acknowledged.has(resource)) {
      continue;
    }
    acknowledged.add(resource);
    acknowledgeFindings(resource, ...ids.map(findingId => ({ id: findingId, reason: describe(what) })));
  }
}
