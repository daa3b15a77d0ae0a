import { readFileSync, writeFileSync } from 'fs';
import { join } from 'path';
import { App, Stack } from 'aws-cdk-lib';
import { HttpMethod } from 'aws-cdk-lib/aws-apigatewayv2';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import { statefulResourcesOf, StatefulResourceRecord } from './stateful-resources';
import {
  AlarmTopic, SecureApi, SecureBucket, SecureFunction, SecureHttpApi, SecureQueue, SecureSecret, SecureTable, SecureTopic, StackKey,
} from '../../src';
import { minimalFunctionProps } from '../helpers';

/**
 * Each construct at its defaults, in a stack of its own, as users create them. A library upgrade
 * that changes the logical id of one of their stateful resources, or a property whose change
 * replaces it, would make CloudFormation delete the old resource and its data.
 */
const CANONICAL_STACKS: { readonly [name: string]: (stack: Stack) => void } = {
  'StackKey': stack => {
    StackKey.of(stack);
  },
  'AlarmTopic': stack => {
    AlarmTopic.of(stack);
  },
  'SecureFunction': stack => {
    new SecureFunction(stack, 'Fn', minimalFunctionProps);
  },
  // A function gets its dead-letter queue only where it can be invoked asynchronously; the queue
  // keeps the logical id it had when every function had one.
  'SecureFunction invoked asynchronously': stack => {
    const fn = new SecureFunction(stack, 'Fn', minimalFunctionProps);
    new sns.Topic(stack, 'Orders').addSubscription(new subscriptions.LambdaSubscription(fn));
  },
  'SecureFunction declared asynchronous': stack => {
    new SecureFunction(stack, 'Fn', { ...minimalFunctionProps, deadLetterQueueEnabled: true });
  },
  'SecureFunction in a VPC': stack => {
    const vpc = new ec2.Vpc(stack, 'Vpc', { subnetConfiguration: [{ name: 'app', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }] });
    new SecureFunction(stack, 'Fn', { ...minimalFunctionProps, vpc });
  },
  'SecureApi': stack => {
    const fn = new SecureFunction(stack, 'Fn', minimalFunctionProps);
    new SecureApi(stack, 'Api').addLambdaRoute(HttpMethod.GET, '/status', fn);
  },
  'SecureHttpApi': stack => {
    const fn = new SecureFunction(stack, 'Fn', minimalFunctionProps);
    new SecureHttpApi(stack, 'HttpApi').addLambdaRoute(HttpMethod.GET, '/status', fn);
  },
  'SecureBucket': stack => {
    new SecureBucket(stack, 'Bucket');
  },
  'SecureTable': stack => {
    new SecureTable(stack, 'Table', { partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING } });
  },
  'SecureQueue': stack => {
    new SecureQueue(stack, 'Queue');
  },
  'SecureTopic': stack => {
    new SecureTopic(stack, 'Topic');
  },
  'SecureSecret': stack => {
    new SecureSecret(stack, 'Secret', { allowNoRotation: 'upgrade-safety fixture' });
  },
};

const RECORD_FILE = join(__dirname, 'stateful-resources.json');

function synthesize(build: (stack: Stack) => void): StatefulResourceRecord[] {
  const stack = new Stack(new App(), 'Upgrade', { env: { account: '111111111111', region: 'eu-west-1' } });
  build(stack);
  return statefulResourcesOf(stack);
}

// A new construct is added to the record with UPDATE_STATEFUL_RECORD=1; an existing entry that
// changes is a breaking change (see the error below), never a routine update.
if (process.env.UPDATE_STATEFUL_RECORD === '1') {
  const fresh = Object.fromEntries(Object.entries(CANONICAL_STACKS).map(([name, build]) => [name, synthesize(build)]));
  writeFileSync(RECORD_FILE, `${JSON.stringify(fresh, null, 2)}\n`);
}
const record: { [name: string]: StatefulResourceRecord[] } = JSON.parse(readFileSync(RECORD_FILE, 'utf8'));

describe('upgrade safety: stateful resources keep their logical ids and replacement-sensitive properties', () => {
  test.each(Object.keys(CANONICAL_STACKS))('%s', name => {
    const current = synthesize(CANONICAL_STACKS[name]);
    const recorded = record[name];

    expect(recorded).toBeDefined();
    const recordedIds = recorded.map(resource => resource.logicalId);
    const lost = recordedIds.filter(id => !current.some(resource => resource.logicalId === id));
    if (lost.length > 0) {
      throw new Error(`${name}: the stateful resources ${lost.join(', ')} are gone or renamed. CloudFormation would DELETE them, `
        + 'and their data, on the next deploy after a library upgrade. Keep their construct ids and paths; if the change is '
        + 'intended, it needs a major version and a migration note; then rerun with UPDATE_STATEFUL_RECORD=1.');
    }
    for (const resource of current.filter(candidate => recordedIds.includes(candidate.logicalId))) {
      const before = recorded.find(candidate => candidate.logicalId === resource.logicalId)!;
      if (JSON.stringify(before.replacementProperties) !== JSON.stringify(resource.replacementProperties)) {
        throw new Error(`${name}: ${resource.logicalId} changed a property that makes CloudFormation replace it `
          + `(${JSON.stringify(before.replacementProperties)} -> ${JSON.stringify(resource.replacementProperties)}): `
          + 'replacement deletes its data.');
      }
    }
    expect(current).toEqual(recorded);
  });

  test('every stateful resource is retained when its stack is deleted', () => {
    for (const [name, resources] of Object.entries(record)) {
      // Queues hold messages in flight, not records: they keep the CDK's removal policy.
      for (const resource of resources.filter(candidate => candidate.type !== 'AWS::SQS::Queue')) {
        expect(`${name} ${resource.logicalId} ${resource.deletionPolicy}`).toBe(`${name} ${resource.logicalId} Retain`);
      }
    }
  });

  test('the record covers every canonical stack and nothing else', () => {
    expect(Object.keys(record).sort()).toEqual(Object.keys(CANONICAL_STACKS).sort());
  });
});
