import { App, CfnParameter, Stack } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { securityFindings } from './helpers';
import { SecureFunction } from '../../src';
import { LOGS_RULES } from '../../src/checks/rules/cloudwatch-logs';
import { ruleName } from '../../src/checks/security-rule';
import { LATEST_NODE } from '../helpers';

function newStack(): Stack {
  return new Stack(new App(), 'S', { env: { account: '111111111111', region: 'eu-west-1' } });
}

/** The findings of this file's rules only. */
function logsFindings(stack: Stack): string[] {
  const names = LOGS_RULES.map(ruleName);
  return securityFindings(stack).filter(finding => names.some(name => new RegExp(`^SecureServerless-${name}[[ ]`).test(finding)));
}

describe('LOGS_RULES', () => {
  test('lists the two log group rules, warnings, each with what, why and fix', () => {
    expect(LOGS_RULES.map(ruleName)).toEqual(['LogGroupRetention', 'LogGroupEncryption']);
    expect(LOGS_RULES.map(rule => [rule.risk, rule.level])).toEqual([['observability', 'Warning'], ['encryption-at-rest', 'Warning']]);
    for (const rule of LOGS_RULES) {
      for (const text of [rule.what, rule.why, rule.fix]) {
        expect(text.length).toBeGreaterThan(20);
      }
    }
  });
});

describe('LogGroupRetention', () => {
  test('flags a log group that keeps its logs forever', () => {
    const stack = newStack();
    new logs.LogGroup(stack, 'Logs', { retention: logs.RetentionDays.INFINITE });

    expect(securityFindings(stack, 'LogGroupRetention')).toEqual(['SecureServerless-LogGroupRetention S/Logs/Resource']);
  });

  test('flags an L1 log group without RetentionInDays', () => {
    const stack = newStack();
    new logs.CfnLogGroup(stack, 'Logs', {});

    expect(securityFindings(stack, 'LogGroupRetention')).toEqual(['SecureServerless-LogGroupRetention S/Logs']);
  });

  test('compliant: the L2 default (two years) and an explicit retention', () => {
    const stack = newStack();
    new logs.LogGroup(stack, 'Default');
    new logs.LogGroup(stack, 'OneMonth', { retention: logs.RetentionDays.ONE_MONTH });

    expect(securityFindings(stack, 'LogGroupRetention')).toEqual([]);
  });

  test('near-miss: a retention given as a parameter is a retention', () => {
    const stack = newStack();
    const days = new CfnParameter(stack, 'RetentionDays', { type: 'Number', default: 90 });
    new logs.CfnLogGroup(stack, 'Logs', { retentionInDays: days.valueAsNumber });

    expect(securityFindings(stack, 'LogGroupRetention')).toEqual([]);
  });
});

describe('LogGroupEncryption', () => {
  test('flags a log group without a KMS key', () => {
    const stack = newStack();
    new logs.LogGroup(stack, 'Logs');

    expect(securityFindings(stack, 'LogGroupEncryption')).toEqual(['SecureServerless-LogGroupEncryption S/Logs/Resource']);
  });

  test('flags a key removed by a property override', () => {
    const stack = newStack();
    const group = new logs.LogGroup(stack, 'Logs', { encryptionKey: new kms.Key(stack, 'Key', { enableKeyRotation: true }) });
    (group.node.defaultChild as logs.CfnLogGroup).addPropertyDeletionOverride('KmsKeyId');

    expect(securityFindings(stack, 'LogGroupEncryption')).toEqual(['SecureServerless-LogGroupEncryption S/Logs/Resource']);
  });

  test('compliant: a customer-managed key', () => {
    const stack = newStack();
    new logs.LogGroup(stack, 'Logs', { encryptionKey: new kms.Key(stack, 'Key', { enableKeyRotation: true }) });

    expect(securityFindings(stack, 'LogGroupEncryption')).toEqual([]);
  });

  test('near-miss: an imported key ARN is a key', () => {
    const stack = newStack();
    new logs.CfnLogGroup(stack, 'Logs', { kmsKeyId: 'arn:aws:kms:eu-west-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab' });

    expect(securityFindings(stack, 'LogGroupEncryption')).toEqual([]);
  });
});

describe('the library\'s own pieces pass the log group rules', () => {
  test('SecureFunction\'s log group: retention and the stack key', () => {
    const stack = newStack();
    new SecureFunction(stack, 'Fn', {
      code: lambda.Code.fromInline('exports.handler = async () => ({ statusCode: 200 });'),
      handler: 'index.handler',
      runtime: LATEST_NODE,
    });

    expect(stack.node.findChild('Fn').node.tryFindChild('LogGroup')).toBeDefined();
    expect(logsFindings(stack)).toEqual([]);
  });
});
