import { NagMessageLevel } from 'cdk-nag/lib/nag-rules';
import LogGroupEncryption from './LogGroupEncryption';
import LogGroupRetention from './LogGroupRetention';
import { RiskCategory } from '../../risk-category';
import { SecurityRule } from '../../security-rule';

/** The rules on CloudWatch Logs log groups. */
export const LOGS_RULES: SecurityRule[] = [
  {
    check: LogGroupRetention,
    resourceTypes: ['AWS::Logs::LogGroup'],
    risk: RiskCategory.OBSERVABILITY,
    level: NagMessageLevel.WARN,
    what: 'The log group keeps its logs forever (no `RetentionInDays`).',
    why: 'Data should be kept only as long as the law requires or allows: logs kept forever cost more every month, and the personal or sensitive data in old logs never leaves.',
    fix: 'SecureFunction creates its log group with one year of retention (`logGroupRetention`), and the SecureDefaults aspect sets one on existing log groups; with plain CDK, set `retention: logs.RetentionDays.ONE_YEAR` on the `logs.LogGroup`.',
  },
  {
    check: LogGroupEncryption,
    resourceTypes: ['AWS::Logs::LogGroup'],
    risk: RiskCategory.ENCRYPTION_AT_REST,
    level: NagMessageLevel.WARN,
    what: 'The log group is not encrypted with a customer-managed KMS key (no `KmsKeyId`).',
    why: 'Logs hold events, headers and errors that may carry personal data or secrets, and without a key of yours no key policy decides who can read them and no key-use trail records when they were read.',
    fix: 'SecureFunction encrypts its log group with the stack key, `StackKey.of(this)` (`encryptionKey` to pass another); with plain CDK, set `encryptionKey` on the `logs.LogGroup` to a key whose policy allows CloudWatch Logs.',
  },
];
