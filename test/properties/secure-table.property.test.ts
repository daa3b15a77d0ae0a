import { RemovalPolicy } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as fc from 'fast-check';
import { testRandomInvalidValues, testRandomValidProps } from './invariants';
import { grantToFunctions, optional, reason, userKey } from './random-props';
import { SecureTable, SecureTableProps } from '../../src';
import { newStack } from '../helpers';

const attribute = fc.record({
  name: fc.stringMatching(/^[a-z][a-zA-Z0-9]{0,15}$/),
  type: fc.constantFrom(dynamodb.AttributeType.STRING, dynamodb.AttributeType.NUMBER, dynamodb.AttributeType.BINARY),
});

/** Random valid props: each secure default kept, set explicitly, or loosened with a reason. */
const validProps = fc.record({
  partitionKey: attribute,
  sortKey: optional(attribute),
  billing: fc.constantFrom('default', 'onDemand', 'provisioned'),
  readCapacity: fc.integer({ min: 1, max: 1000 }),
  writeCapacity: fc.integer({ min: 1, max: 1000 }),
  recovery: fc.constantFrom('default', 'explicit', 'off'),
  removal: fc.constantFrom('default', 'retain', 'retainOnUpdateOrDelete', 'deletable', 'deletableDestroy'),
  deletionProtection: optional(fc.boolean()),
  timeToLiveAttribute: optional(fc.stringMatching(/^[a-z][a-zA-Z]{0,15}$/)),
  tableClass: optional(fc.constantFrom(dynamodb.TableClass.STANDARD, dynamodb.TableClass.STANDARD_INFREQUENT_ACCESS)),
  stream: optional(fc.constantFrom(
    dynamodb.StreamViewType.NEW_IMAGE, dynamodb.StreamViewType.NEW_AND_OLD_IMAGES, dynamodb.StreamViewType.KEYS_ONLY)),
  index: fc.boolean(),
  ownKey: fc.boolean(),
  reason,
  grantees: fc.integer({ min: 0, max: 2 }),
});

type ValidProps = typeof validProps extends fc.Arbitrary<infer T> ? T : never;

function propsOf(random: ValidProps, stack: ReturnType<typeof newStack>): SecureTableProps {
  const deletable = random.removal.startsWith('deletable');
  const sortKey = random.sortKey?.name === random.partitionKey.name ? undefined : random.sortKey;
  return {
    partitionKey: random.partitionKey,
    sortKey,
    billing: {
      default: undefined,
      onDemand: dynamodb.Billing.onDemand(),
      provisioned: dynamodb.Billing.provisioned({
        readCapacity: dynamodb.Capacity.fixed(random.readCapacity),
        writeCapacity: dynamodb.Capacity.autoscaled({ maxCapacity: random.writeCapacity }),
      }),
    }[random.billing],
    ...(random.recovery === 'explicit' ? { pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true } } : {}),
    ...(random.recovery === 'off' ? { allowNoPointInTimeRecovery: random.reason } : {}),
    ...(deletable ? { allowDeletionWithStack: random.reason } : { deletionProtection: random.deletionProtection }),
    removalPolicy: {
      default: undefined,
      retain: RemovalPolicy.RETAIN,
      retainOnUpdateOrDelete: RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE,
      deletable: undefined,
      deletableDestroy: RemovalPolicy.DESTROY,
    }[random.removal],
    timeToLiveAttribute: random.timeToLiveAttribute,
    tableClass: random.tableClass,
    dynamoStream: random.stream,
    globalSecondaryIndexes: random.index ? [{ indexName: 'ByOwner', partitionKey: { name: 'owner', type: dynamodb.AttributeType.STRING } }] : undefined,
    ...(random.ownKey ? { encryption: dynamodb.TableEncryptionV2.customerManagedKey(userKey(stack)) } : {}),
  };
}

function build(random: ValidProps) {
  const stack = newStack();
  const table = new SecureTable(stack, 'Table', propsOf(random, stack));
  grantToFunctions(stack, random.grantees, fn => table.grantReadData(fn));
  return stack;
}

describe('SecureTable, for random valid props', () => {
  testRandomValidProps(validProps, build);
});

describe('SecureTable, for random invalid values', () => {
  const partitionKey = { name: 'pk', type: dynamodb.AttributeType.STRING };
  const invalid = fc.oneof(
    fc.constantFrom(RemovalPolicy.DESTROY, RemovalPolicy.SNAPSHOT)
      .map(value => ({ prop: 'removalPolicy', props: { removalPolicy: value } })),
    fc.constant({ prop: 'pointInTimeRecoverySpecification', props: { pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: false } } }),
    fc.constantFrom(dynamodb.TableEncryptionV2.dynamoOwnedKey(), dynamodb.TableEncryptionV2.awsManagedKey())
      .map(value => ({ prop: 'encryption', props: { encryption: value } })),
    fc.constantFrom('allowNoPointInTimeRecovery', 'allowDeletionWithStack').chain(prop => fc.stringMatching(/^\s*$/)
      .map(blank => ({ prop, props: { [prop]: blank } }))),
    fc.constant({ prop: 'deletionProtection', props: { allowDeletionWithStack: 'test data', deletionProtection: true } }),
  );

  testRandomInvalidValues<Partial<SecureTableProps>>(invalid, 'TestStack/Table', props => new SecureTable(newStack(), 'Table', { partitionKey, ...props }));
});
