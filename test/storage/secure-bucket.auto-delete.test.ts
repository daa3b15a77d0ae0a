import { RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { SecureBucket, SecureBucketProps } from '../../src/storage';
import { AUTO_DELETE_HANDLER_FINDINGS, AUTO_DELETE_ROLE_FINDINGS } from '../../src/storage/auto-delete-objects';
import { securityFindings } from '../checks/helpers';
import { runCli, stackIn, synthesize } from '../cli/helpers';
import { errorOf, expectValidationError, nagFindings, newStack } from '../helpers';
import { acknowledgedReason, acknowledgementsIn } from './helpers';

const PROVIDER = 'Custom::S3AutoDeleteObjectsCustomResourceProvider';
const AUTO_DELETE: SecureBucketProps = { autoDeleteObjects: true, removalPolicy: RemovalPolicy.DESTROY, autoDeleteObjectsReason: 'preview stack, rebuilt from fixtures' };

describe('SecureBucket autoDeleteObjects: refused without DESTROY and a reason', () => {
  test.each<[string, SecureBucketProps, RegExp]>([
    ['autoDeleteObjects without a reason', { autoDeleteObjects: true, removalPolicy: RemovalPolicy.DESTROY },
      /autoDeleteObjects is true without autoDeleteObjectsReason.*Fix: leave out autoDeleteObjects .*set removalPolicy: RemovalPolicy.DESTROY and autoDeleteObjectsReason/],
    ['autoDeleteObjects with allowDeletionWithStack but no reason', { autoDeleteObjects: true, allowDeletionWithStack: 'preview' },
      /autoDeleteObjects is true without autoDeleteObjectsReason/],
    ['autoDeleteObjects with a reason and no removal policy', { autoDeleteObjects: true, autoDeleteObjectsReason: 'preview' },
      /autoDeleteObjects is true but removalPolicy is not set \(RemovalPolicy.RETAIN\).*Fix: set removalPolicy: RemovalPolicy.DESTROY/],
    ['autoDeleteObjects with a reason and RemovalPolicy.RETAIN', { autoDeleteObjects: true, autoDeleteObjectsReason: 'preview', removalPolicy: RemovalPolicy.RETAIN },
      /autoDeleteObjects is true but removalPolicy is RemovalPolicy.RETAIN;/],
    ['autoDeleteObjects with a reason and RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE', {
      autoDeleteObjects: true, autoDeleteObjectsReason: 'preview', removalPolicy: RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE,
    }, /removalPolicy is RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE/],
    ['an empty autoDeleteObjectsReason', { ...AUTO_DELETE, autoDeleteObjectsReason: '' }, /autoDeleteObjectsReason is empty.*Fix: write in autoDeleteObjectsReason/],
    ['a blank autoDeleteObjectsReason', { ...AUTO_DELETE, autoDeleteObjectsReason: '  ' }, /autoDeleteObjectsReason is empty/],
    ['autoDeleteObjectsReason without autoDeleteObjects', { autoDeleteObjectsReason: 'preview', removalPolicy: RemovalPolicy.DESTROY },
      /autoDeleteObjectsReason is set but autoDeleteObjects is not true.*Fix: set autoDeleteObjects: true as well, or leave out autoDeleteObjectsReason/],
    ['autoDeleteObjectsReason with autoDeleteObjects false', { autoDeleteObjects: false, autoDeleteObjectsReason: 'preview', allowDeletionWithStack: 'preview' },
      /autoDeleteObjectsReason is set but autoDeleteObjects is not true/],
  ])('fails on %s', (_name, props, message) => {
    const stack = newStack();
    expectValidationError(errorOf(() => new SecureBucket(stack, 'Data', props)), 'TestStack/Data', message);
    expect(stack.node.tryFindChild(PROVIDER)).toBeUndefined();
  });
});

describe('SecureBucket autoDeleteObjects with RemovalPolicy.DESTROY and a reason', () => {
  function autoDeletingStack(props: SecureBucketProps = AUTO_DELETE): { stack: Stack; bucket: SecureBucket } {
    const stack = newStack();
    const bucket = new SecureBucket(stack, 'Data', props);
    return { stack, bucket };
  }

  test('deploys the CDK\'s auto-delete custom resource, and the bucket is deleted with the stack', () => {
    const { stack } = autoDeletingStack();

    const template = Template.fromStack(stack);
    template.resourceCountIs('Custom::S3AutoDeleteObjects', 1);
    template.hasResource('AWS::S3::Bucket', { DeletionPolicy: 'Delete', UpdateReplacePolicy: 'Delete' });
  });

  test('zero unacknowledged findings of the six cdk-nag packs and ServerlessSecurityChecks', () => {
    const { stack } = autoDeletingStack();

    expect(nagFindings(stack.node.root)).toEqual([]);
    expect(securityFindings(stack.node.root)).toEqual([]);
  });

  test('the same with allowDeletionWithStack in place of removalPolicy', () => {
    const { stack } = autoDeletingStack({ autoDeleteObjects: true, allowDeletionWithStack: 'preview', autoDeleteObjectsReason: 'preview' });

    expect(nagFindings(stack.node.root)).toEqual([]);
    expect(securityFindings(stack.node.root)).toEqual([]);
  });

  test('acknowledges exactly S3Retained on the bucket and the custom resource\'s findings on its role and function, with the reason', () => {
    const { stack, bucket } = autoDeletingStack();

    const atDefaults = acknowledgementsIn(autoDeletingStack({}).stack);
    const added = acknowledgementsIn(stack).filter(line => !atDefaults.includes(line));
    expect(added).toEqual([
      ...AUTO_DELETE_ROLE_FINDINGS.map(id => `TestStack/${PROVIDER}/Role ${id}`),
      ...AUTO_DELETE_HANDLER_FINDINGS.map(id => `TestStack/${PROVIDER}/Handler ${id}`),
      'TestStack/Data/Resource SecureServerless-S3Retained',
    ].sort());
    expect(acknowledgedReason(bucket.node.defaultChild!, 'SecureServerless-S3Retained'))
      .toBe('Deleted with its stack, every object with it, by design (autoDeleteObjectsReason): preview stack, rebuilt from fixtures');
    const handler = stack.node.findChild(PROVIDER).node.findChild('Handler');
    for (const id of AUTO_DELETE_HANDLER_FINDINGS) {
      expect(acknowledgedReason(handler, id)).toMatch(/auto-delete custom resource .*TestStack\/Data.*\(autoDeleteObjectsReason\): preview stack, rebuilt from fixtures$/);
    }
    const role = stack.node.findChild(PROVIDER).node.findChild('Role');
    expect(acknowledgedReason(role, AUTO_DELETE_ROLE_FINDINGS[0])).toMatch(/AWSLambdaBasicExecutionRole/);
  });

  test('two auto-deleting buckets share the provider, acknowledged once', () => {
    const { stack } = autoDeletingStack();
    new SecureBucket(stack, 'Other', AUTO_DELETE);

    const handler = stack.node.findChild(PROVIDER).node.findChild('Handler');
    const rules = (handler as unknown as { getMetadata(key: string): { rules_to_suppress: unknown[] } }).getMetadata('cdk_nag').rules_to_suppress;
    expect(rules).toHaveLength(AUTO_DELETE_HANDLER_FINDINGS.length);
    expect(nagFindings(stack.node.root)).toEqual([]);
    expect(securityFindings(stack.node.root)).toEqual([]);
  });

  test('the CLI, reading the synthesized template with all six packs, finds nothing either', () => {
    const outdir = synthesize(app => {
      new SecureBucket(stackIn(app), 'Data', AUTO_DELETE);
    });

    const result = runCli(['check', outdir, '--format', 'json', '--pack', 'AwsSolutions,HIPAA.Security,NIST.800.53.R4,NIST.800.53.R5,PCI.DSS.321,Serverless']);

    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout).findings).toEqual([]);
  });
});
