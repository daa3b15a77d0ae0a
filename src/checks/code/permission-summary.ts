import { PermissionReview, reviewPermissions } from './permission-review';
import { RenderedResource } from '../template-view';

/** What a function's code uses against what its role grants, as plain data for reports. */
export interface PermissionSummary {
  /** The actions the code needs, each with where it calls them (`file:line`). */
  readonly used: ReadonlyArray<{ readonly action: string; readonly calls: readonly string[] }>;
  /** The actions (or patterns) its role's own policies grant. */
  readonly granted: readonly string[];
  /** Granted but never used, with the policy that grants each and a narrower grant to use instead. */
  readonly unused: ReadonlyArray<{ readonly action: string; readonly policy: string }>;
  /** Called but not granted: each fails with AccessDenied at run time. */
  readonly missing: ReadonlyArray<{ readonly action: string; readonly resource: string | null }>;
  /** Where the code calls AWS in a way the analysis cannot resolve. */
  readonly unknown: readonly string[];
  /** The narrower grants that would replace the unused ones, per service. */
  readonly fixes: readonly string[];
  readonly unusedNotJudged: string | null;
  readonly missingNotJudged: string | null;
}

/**
 * The CDK grant that gives exactly a set of used actions of one service, where one does: the
 * fix a finding of unused permissions names.
 */
const NARROWER_GRANTS: ReadonlyArray<{ readonly service: string; readonly grant: string; readonly covers: RegExp }> = [
  { service: 'dynamodb', grant: 'table.grantReadData(fn)', covers: /^dynamodb:(GetItem|BatchGetItem|Query|Scan|ConditionCheckItem|DescribeTable|GetRecords|GetShardIterator)$/ },
  { service: 'dynamodb', grant: 'table.grantWriteData(fn)', covers: /^dynamodb:(PutItem|UpdateItem|DeleteItem|BatchWriteItem|DescribeTable)$/ },
  { service: 's3', grant: 'bucket.grantRead(fn)', covers: /^s3:(GetObject|ListBucket|GetBucket.*|GetObjectVersion)$/ },
  { service: 's3', grant: 'bucket.grantPut(fn)', covers: /^s3:(PutObject|AbortMultipartUpload|PutObjectLegalHold|PutObjectRetention|PutObjectTagging|PutObjectVersionTagging)$/ },
  { service: 'sqs', grant: 'queue.grantSendMessages(fn)', covers: /^sqs:(SendMessage|GetQueueAttributes|GetQueueUrl)$/ },
  { service: 'sqs', grant: 'queue.grantConsumeMessages(fn)', covers: /^sqs:(ReceiveMessage|DeleteMessage|ChangeMessageVisibility|GetQueueAttributes|GetQueueUrl)$/ },
  { service: 'sns', grant: 'topic.grantPublish(fn)', covers: /^sns:Publish$/ },
  { service: 'secretsmanager', grant: 'secret.grantRead(fn)', covers: /^secretsmanager:(GetSecretValue|DescribeSecret)$/ },
];

/** The review of a function as plain data, or `undefined` when its code or role is not in the app. */
export function permissionSummary(fn: RenderedResource): PermissionSummary | undefined {
  const review = reviewPermissions(fn);
  return review === undefined ? undefined : summarise(review);
}

function summarise(review: PermissionReview): PermissionSummary {
  return {
    used: review.code.used.map(used => ({ action: used.action, calls: used.calls.map(call => `${call.file}:${call.line}`) })),
    granted: [...new Set(review.granted.filter(grant => !grant.source.startsWith('AWS managed policy'))
      .flatMap(grant => [grant.statement.Action].flat().filter((action): action is string => typeof action === 'string')))],
    unused: review.unused.map(grant => ({ action: grant.action, policy: grant.source })),
    missing: review.missing.map(grant => ({ action: grant.action, resource: grant.resource ?? null })),
    unknown: review.code.unknown.map(unknown => `${unknown.file}${unknown.line > 0 ? `:${unknown.line}` : ''}: ${unknown.reason}`),
    fixes: narrowerGrants(review.unused.map(grant => grant.action), review.usedActions),
    unusedNotJudged: review.unusedNotJudged ?? null,
    missingNotJudged: review.missingNotJudged ?? null,
  };
}

/**
 * For each service with unused grants: the narrower CDK grant (one that would drop at least one of
 * them), or the actions to grant by hand, or "remove".
 */
export function narrowerGrants(unused: readonly string[], used: readonly string[]): string[] {
  const services = [...new Set(unused.map(action => action.split(':')[0].toLowerCase()))];
  return services.map(service => {
    const usedHere = used.filter(action => action.split(':')[0].toLowerCase() === service);
    if (usedHere.length === 0) {
      return `${service}: the code calls nothing of ${service}; remove the grant`;
    }
    const unusedHere = unused.filter(action => action.split(':')[0].toLowerCase() === service);
    // A grant that would still give every unused action (the one already in place) is no fix.
    const grant = NARROWER_GRANTS.find(candidate => candidate.service === service && usedHere.every(action => candidate.covers.test(action))
      && !unusedHere.every(action => candidate.covers.test(action)));
    return grant !== undefined
      ? `${service}: ${grant.grant} covers what the code calls (${usedHere.join(', ')})`
      : `${service}: grant exactly ${usedHere.join(', ')} (fn.addToRolePolicy with those actions on the resource, or grantsFromCode: true on a SecureFunction)`;
  });
}
