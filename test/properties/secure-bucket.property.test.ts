import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as fc from 'fast-check';
import { testRandomInvalidValues, testRandomValidProps } from './invariants';
import { grantToFunctions, optional, reason, userKey } from './random-props';
import { SecureBucket, SecureBucketProps } from '../../src';
import { newStack } from '../helpers';

/** Random valid props: each secure default kept, set explicitly, or loosened with a reason. */
const validProps = fc.record({
  versioning: fc.constantFrom('default', 'explicit', 'unversioned'),
  noncurrentVersionDays: optional(fc.integer({ min: 1, max: 3650 })),
  removal: fc.constantFrom('default', 'retain', 'retainOnUpdateOrDelete', 'deletable', 'deletableDestroy'),
  accessLogs: fc.constantFrom('default', 'prefix', 'none'),
  accessLogPrefix: fc.stringMatching(/^[a-z0-9-]{1,20}\/$/),
  minimumTLSVersion: optional(fc.constantFrom(1.2, 1.3)),
  eventBridgeEnabled: fc.boolean(),
  transferAcceleration: fc.boolean(),
  bucketKeyEnabled: optional(fc.boolean()),
  ownKey: fc.boolean(),
  expirationDays: optional(fc.integer({ min: 1, max: 3650 })),
  reason,
  grantees: fc.integer({ min: 0, max: 2 }),
});

type ValidProps = typeof validProps extends fc.Arbitrary<infer T> ? T : never;

function propsOf(random: ValidProps, stack: ReturnType<typeof newStack>): SecureBucketProps {
  const unversioned = random.versioning === 'unversioned';
  const deletable = random.removal.startsWith('deletable');
  return {
    ...(random.versioning === 'explicit' ? { versioned: true } : {}),
    ...(unversioned
      ? { allowUnversioned: random.reason }
      : { noncurrentVersionRetention: random.noncurrentVersionDays === undefined ? undefined : Duration.days(random.noncurrentVersionDays) }),
    ...(deletable ? { allowDeletionWithStack: random.reason } : {}),
    removalPolicy: {
      default: undefined,
      retain: RemovalPolicy.RETAIN,
      retainOnUpdateOrDelete: RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE,
      deletable: undefined,
      deletableDestroy: RemovalPolicy.DESTROY,
    }[random.removal],
    ...(random.accessLogs === 'prefix' ? { serverAccessLogsPrefix: random.accessLogPrefix } : {}),
    ...(random.accessLogs === 'none' ? { allowNoAccessLogs: random.reason } : {}),
    minimumTLSVersion: random.minimumTLSVersion,
    eventBridgeEnabled: random.eventBridgeEnabled,
    transferAcceleration: random.transferAcceleration,
    bucketKeyEnabled: random.bucketKeyEnabled,
    ...(random.ownKey ? { encryptionKey: userKey(stack) } : {}),
    lifecycleRules: random.expirationDays === undefined ? undefined : [{ expiration: Duration.days(random.expirationDays) }],
  };
}

function build(random: ValidProps) {
  const stack = newStack();
  const bucket = new SecureBucket(stack, 'Data', propsOf(random, stack));
  grantToFunctions(stack, random.grantees, fn => bucket.grantRead(fn));
  return stack;
}

describe('SecureBucket, for random valid props', () => {
  testRandomValidProps(validProps, build);
});

describe('SecureBucket, for random invalid values', () => {
  const invalid = fc.oneof(
    fc.double({ min: -5, max: 5, noNaN: true }).filter(value => value !== 1.2 && value !== 1.3)
      .map(value => ({ prop: 'minimumTLSVersion', props: { minimumTLSVersion: value } })),
    fc.integer({ min: 1, max: 23 }).chain(hours => fc.integer({ min: 0, max: 100 }).map(days => Duration.hours(days * 24 + hours)))
      .map(value => ({ prop: 'noncurrentVersionRetention', props: { noncurrentVersionRetention: value } })),
    fc.constantFrom(RemovalPolicy.DESTROY, RemovalPolicy.SNAPSHOT)
      .map(value => ({ prop: 'removalPolicy', props: { removalPolicy: value } })),
    fc.constant({ prop: 'versioned', props: { versioned: false } }),
    fc.constantFrom(s3.BucketEncryption.S3_MANAGED, s3.BucketEncryption.UNENCRYPTED, s3.BucketEncryption.KMS_MANAGED,
      s3.BucketEncryption.DSSE_MANAGED)
      .map(value => ({ prop: 'encryption', props: { encryption: value } })),
    fc.constantFrom(s3.ObjectOwnership.BUCKET_OWNER_PREFERRED, s3.ObjectOwnership.OBJECT_WRITER)
      .map(value => ({ prop: 'objectOwnership', props: { objectOwnership: value } })),
    fc.constantFrom(s3.BucketAccessControl.PUBLIC_READ, s3.BucketAccessControl.AUTHENTICATED_READ, s3.BucketAccessControl.LOG_DELIVERY_WRITE)
      .map(value => ({ prop: 'accessControl', props: { accessControl: value } })),
    fc.constantFrom('allowUnversioned', 'allowNoAccessLogs', 'allowDeletionWithStack').chain(prop => fc.stringMatching(/^\s*$/)
      .map(blank => ({ prop, props: { [prop]: blank } }))),
    fc.constant({ prop: 'publicReadAccess', props: { publicReadAccess: true } }),
    fc.constant({ prop: 'enforceSSL', props: { enforceSSL: false } }),
    fc.constant({ prop: 'autoDeleteObjects', props: { autoDeleteObjects: true } }),
  );

  testRandomInvalidValues<SecureBucketProps>(invalid, 'TestStack/Data', props => new SecureBucket(newStack(), 'Data', props));
});
