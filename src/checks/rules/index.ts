import { APIGATEWAY_RULES } from './apigateway';
import { LOGS_RULES } from './cloudwatch-logs';
import { DYNAMODB_RULES } from './dynamodb';
import { EVENTS_RULES } from './events';
import { IAM_RULES } from './iam';
import { KMS_RULES } from './kms';
import { LAMBDA_RULES } from './lambda';
import { S3_RULES } from './s3';
import { SECRETSMANAGER_RULES } from './secretsmanager';
import { SNS_RULES } from './sns';
import { SQS_RULES } from './sqs';
import { SecurityRule } from '../security-rule';

/** The rules of one service, in the order RULES.md lists them. */
export interface RuleGroup {
  readonly service: string;
  readonly rules: readonly SecurityRule[];
}

/**
 * Every rule of the pack, service by service. Each service's folder lists its rules with their
 * data in its own `index.ts`; this file only joins the lists.
 */
export const RULE_GROUPS: readonly RuleGroup[] = [
  { service: 'Lambda', rules: LAMBDA_RULES },
  { service: 'API Gateway', rules: APIGATEWAY_RULES },
  { service: 'IAM', rules: IAM_RULES },
  { service: 'S3', rules: S3_RULES },
  { service: 'DynamoDB', rules: DYNAMODB_RULES },
  { service: 'SQS', rules: SQS_RULES },
  { service: 'SNS', rules: SNS_RULES },
  { service: 'EventBridge', rules: EVENTS_RULES },
  { service: 'Secrets Manager', rules: SECRETSMANAGER_RULES },
  { service: 'KMS', rules: KMS_RULES },
  { service: 'CloudWatch Logs', rules: LOGS_RULES },
];

/** Every rule of the pack, in RULES.md order. */
export const ALL_RULES: readonly SecurityRule[] = RULE_GROUPS.flatMap(group => group.rules);
