import * as logs from 'aws-cdk-lib/aws-logs';
import { isOverridden, ownerOf } from './cfn-values';
import { reportChange } from './report';

/**
 * Sets the retention of a log group that has none, so that its logs are not kept (and billed)
 * forever.
 *
 * Left alone: a log group with a retention or a `RetentionInDays` override, and an L2
 * `logs.LogGroup` without one. The L2 defaults to two years, so an L2 log group renders no
 * retention only when its author chose `RetentionDays.INFINITE`: a choice, not an omission.
 */
export function retainLogGroup(logGroup: logs.CfnLogGroup, retention: logs.RetentionDays): void {
  if (logGroup.retentionInDays !== undefined || isOverridden(logGroup, 'RetentionInDays') || ownerOf(logGroup, logs.LogGroup)) {
    return;
  }
  logGroup.retentionInDays = retention;
  reportChange(logGroup, `set RetentionInDays to ${retention}, so that the logs are not kept forever `
    + '(CloudWatch Logs deletes events older than that, including ones already stored).');
}
