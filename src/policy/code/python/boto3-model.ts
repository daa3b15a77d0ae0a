/**
 * What boto3 names, as data: which SDK for JavaScript v3 package covers the same service (so the
 * operation tables of `sdk-actions.ts` apply to both languages), the client methods that are not
 * API operations, and the methods of the resource objects the reader follows, with the API
 * operation each sends. From boto3's documentation of each service's client and resources.
 */
import { findAction } from '../../iam/catalogue';
import { servicePrefixOf } from '../sdk-actions';

/** boto3 service names whose SDK v3 package is not `client-<name>`. */
const PACKAGE_OF_SERVICE: { readonly [service: string]: string } = {
  'stepfunctions': 'client-sfn',
  'secretsmanager': 'client-secrets-manager',
  'cognito-idp': 'client-cognito-identity-provider',
  'cognito-identity': 'client-cognito-identity',
  'events': 'client-eventbridge',
  'logs': 'client-cloudwatch-logs',
  'iot-data': 'client-iot-data-plane',
  'dynamodbstreams': 'client-dynamodb-streams',
  'elbv2': 'client-elastic-load-balancing-v2',
  'ce': 'client-cost-explorer',
  'resourcegroupstaggingapi': 'client-resource-groups-tagging-api',
  'route53': 'client-route-53',
  'opensearch': 'client-opensearch',
  'config': 'client-config-service',
  'pinpoint': 'client-pinpoint',
  'sagemaker-runtime': 'client-sagemaker-runtime',
};

/** The SDK v3 package of a boto3 service name: `s3` → `client-s3`, `stepfunctions` → `client-sfn`. */
export function packageOfService(service: string): string {
  return PACKAGE_OF_SERVICE[service] ?? `client-${service}`;
}

/** Client methods that send no request, or whose request is read elsewhere (paginators, waiters, presigners). */
export const CLIENT_HELPERS = new Set(['get_paginator', 'get_waiter', 'can_paginate', 'close', 'generate_presigned_url',
  'generate_presigned_post', 'meta', 'exceptions', 'waiter_names']);

/**
 * S3's managed transfers (boto3.s3.transfer), which are methods of the client and of the bucket
 * and object resources and send several requests: an upload is a PutObject or a multipart upload
 * it aborts on failure (as lib-storage's `Upload`), a download a HeadObject then ranged GetObjects.
 */
const S3_TRANSFERS: { readonly [method: string]: string } = {
  upload_file: 'Upload',
  upload_fileobj: 'Upload',
  download_file: 'GetObject',
  download_fileobj: 'GetObject',
  copy: 'CopyObject',
};

/** The resource objects a service resource makes, by the method that makes them. */
export const RESOURCE_CONSTRUCTORS: { readonly [service: string]: { readonly [method: string]: string } } = {
  dynamodb: { Table: 'Table' },
  s3: { Bucket: 'Bucket', Object: 'Object' },
  sqs: { Queue: 'Queue', get_queue_by_name: 'Queue' },
  sns: { Topic: 'Topic' },
};

/**
 * The API operation each method of a resource object sends (`table.get_item` → `GetItem`); a
 * sub-resource the object makes (`bucket.Object(key)`) is named with a leading `>`.
 */
const RESOURCE_METHODS: { readonly [type: string]: { readonly [method: string]: string } } = {
  Table: {
    get_item: 'GetItem',
    put_item: 'PutItem',
    update_item: 'UpdateItem',
    delete_item: 'DeleteItem',
    query: 'Query',
    scan: 'Scan',
    batch_writer: 'BatchWriteItem',
    load: 'DescribeTable',
    reload: 'DescribeTable',
    delete: 'DeleteTable',
    update: 'UpdateTable',
  },
  Bucket: {
    ...S3_TRANSFERS, put_object: 'PutObject', delete_objects: 'DeleteObjects', delete: 'DeleteBucket', Object: '>Object',
  },
  Object: {
    ...S3_TRANSFERS, get: 'GetObject', put: 'PutObject', delete: 'DeleteObject', copy_from: 'CopyObject', load: 'HeadObject', reload: 'HeadObject',
  },
  Queue: {
    send_message: 'SendMessage',
    send_messages: 'SendMessageBatch',
    receive_messages: 'ReceiveMessage',
    delete_messages: 'DeleteMessageBatch',
    change_message_visibility_batch: 'ChangeMessageVisibilityBatch',
    purge: 'PurgeQueue',
    load: 'GetQueueAttributes',
    reload: 'GetQueueAttributes',
  },
  Topic: { publish: 'Publish', subscribe: 'Subscribe', load: 'GetTopicAttributes', reload: 'GetTopicAttributes' },
  // What iterating a collection yields: `for message in queue.receive_messages()`, `for summary in bucket.objects.all()`.
  Message: { delete: 'DeleteMessage', change_visibility: 'ChangeMessageVisibility' },
  ObjectSummary: { get: 'GetObject', put: 'PutObject', delete: 'DeleteObject', copy_from: 'CopyObject', Object: '>Object' },
};

/** Resource methods that return a collection to iterate, by `Type.method`, with the type of its items. */
export const COLLECTION_RESULTS: { readonly [method: string]: string } = {
  'Queue.receive_messages': 'Message',
};

/** The type of the items of a bucket's `objects` collection. */
export const OBJECT_SUMMARY = 'ObjectSummary';

/** The methods of a bucket's `objects` collection: listing it is `ListObjects`, `delete()` lists then deletes in batches. */
export const OBJECT_COLLECTION_METHODS: { readonly [method: string]: readonly string[] } = {
  all: ['ListObjects'], filter: ['ListObjects'], limit: ['ListObjects'], page_size: ['ListObjects'], delete: ['ListObjects', 'DeleteObjects'],
};

/** The operation a resource object's method sends, `>Type` for a sub-resource, or `undefined` when not modelled. */
export function resourceMethod(type: string, method: string): string | undefined {
  return RESOURCE_METHODS[type]?.[method];
}

/** The operation a client method sends: an S3 managed transfer, or the method's name in PascalCase. */
export function clientOperation(service: string, method: string): string {
  if (service === 's3' && S3_TRANSFERS[method] !== undefined) {
    return S3_TRANSFERS[method];
  }
  return operationName(service, method);
}

/**
 * An operation's name from its snake_case method name (`list_objects_v2` → `ListObjectsV2`), spelt
 * as the IAM catalogue spells the action of that name where it has one (`describe_db_instances` →
 * `DescribeDBInstances`): botocore lower-cases acronyms that the API writes in capitals.
 */
export function operationName(service: string, method: string): string {
  const pascal = method.split('_').filter(part => part !== '').map(part => part[0].toUpperCase() + part.slice(1)).join('');
  const known = findAction(`${servicePrefixOf(packageOfService(service))}:${pascal}`);
  return known?.name ?? pascal;
}

/** A waiter's operation name as the SDK v3 spells it (`object_exists` → `waitUntilObjectExists`), which the action table maps. */
export function waiterOperation(waiter: string): string {
  return `waitUntil${waiter.split('_').filter(part => part !== '').map(part => part[0].toUpperCase() + part.slice(1)).join('')}`;
}
