import { App, CfnResource, Stack } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import { securityFindings } from './helpers';
import { EVENTS_RULES } from '../../src/checks/rules/events';
import { ruleName } from '../../src/checks/security-rule';

const RULE = 'EventBusPolicyGrantsAnyone';
const finding = (path: string) => `SecureServerless-${RULE} ${path}`;

function newStack(): Stack {
  return new Stack(new App(), 'S', { env: { account: '111111111111', region: 'eu-west-1' } });
}

/** An L1 event bus policy with these properties, on a bus of the stack. */
function busPolicy(stack: Stack, properties: Partial<events.CfnEventBusPolicyProps>): void {
  const bus = new events.CfnEventBus(stack, 'Bus', { name: 'orders' });
  new events.CfnEventBusPolicy(stack, 'Policy', { eventBusName: bus.ref, statementId: 'Share', ...properties });
}

const putEventsForAnyone = { Effect: 'Allow', Principal: '*', Action: 'events:PutEvents', Resource: 'arn:aws:events:eu-west-1:111111111111:event-bus/orders' };

describe('EVENTS_RULES', () => {
  test('lists the event bus rule, with what, why and fix', () => {
    expect(EVENTS_RULES.map(ruleName)).toEqual([RULE]);
    expect(EVENTS_RULES.map(rule => [rule.risk, rule.level])).toEqual([['public-access', 'Error']]);
    for (const rule of EVENTS_RULES) {
      for (const text of [rule.what, rule.why, rule.fix]) {
        expect(text.length).toBeGreaterThan(20);
      }
    }
  });
});

describe('EventBusPolicyGrantsAnyone: the Statement form', () => {
  test('flags bus.addToResourcePolicy for iam.AnyPrincipal', () => {
    const stack = newStack();
    const bus = new events.EventBus(stack, 'Bus');
    bus.addToResourcePolicy(new iam.PolicyStatement({
      sid: 'Anyone',
      principals: [new iam.AnyPrincipal()],
      actions: ['events:PutEvents'],
      resources: [bus.eventBusArn],
    }));

    expect(securityFindings(stack, RULE)).toEqual([finding('S/Bus/cdk-Anyone/Resource')]);
  });

  test.each([
    ['Principal "*", Action as a string', putEventsForAnyone],
    ['Principal { AWS: "*" }, Action as a list', { ...putEventsForAnyone, Principal: { AWS: '*' }, Action: ['events:PutEvents'] }],
    ['"*" among named accounts', { ...putEventsForAnyone, Principal: { AWS: ['arn:aws:iam::222222222222:root', '*'] } }],
    ['Action "events:*"', { ...putEventsForAnyone, Action: 'events:*' }],
    ['everyone but a NotPrincipal', { Effect: 'Allow', NotPrincipal: { AWS: '222222222222' }, Action: 'events:PutEvents', Resource: '*' }],
    ['"*" outside an organization (negated)', { ...putEventsForAnyone, Condition: { StringNotEquals: { 'aws:PrincipalOrgID': 'o-abcdefghij' } } }],
    ['"*" with a wildcard organization', { ...putEventsForAnyone, Condition: { StringLike: { 'aws:PrincipalOrgID': '*' } } }],
  ])('flags %s', (_, statement) => {
    const stack = newStack();
    busPolicy(stack, { statement });

    expect(securityFindings(stack, RULE)).toEqual([finding('S/Policy')]);
  });

  test('flags a Statement given as JSON text', () => {
    const stack = newStack();
    new CfnResource(stack, 'Policy', {
      type: 'AWS::Events::EventBusPolicy',
      properties: { StatementId: 'Share', Statement: JSON.stringify(putEventsForAnyone) },
    });

    expect(securityFindings(stack, RULE)).toEqual([finding('S/Policy')]);
  });

  test.each([
    ['an organization (iam.OrganizationPrincipal\'s shape)', { ...putEventsForAnyone, Principal: { AWS: '*' }, Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-abcdefghij' } } }],
    ['a source account, operator in lower case', { ...putEventsForAnyone, Condition: { stringequals: { 'aws:PrincipalAccount': '222222222222' } } }],
    ['a named account', { ...putEventsForAnyone, Principal: { AWS: 'arn:aws:iam::222222222222:root' } }],
    ['a service principal', { ...putEventsForAnyone, Principal: { Service: 'events.amazonaws.com' } }],
    ['a Deny for "*"', { ...putEventsForAnyone, Effect: 'Deny' }],
  ])('near-miss: "*" scoped to %s', (_, statement) => {
    const stack = newStack();
    busPolicy(stack, { statement });

    expect(securityFindings(stack, RULE)).toEqual([]);
  });

  test('near-miss: grants of the L2 bus to another account and to an organization', () => {
    const stack = newStack();
    const bus = new events.EventBus(stack, 'Bus');
    bus.grantPutEventsTo(new iam.AccountPrincipal('222222222222'), 'Partner');
    bus.addToResourcePolicy(new iam.PolicyStatement({
      sid: 'Organization',
      principals: [new iam.OrganizationPrincipal('o-abcdefghij')],
      actions: ['events:PutEvents'],
      resources: [bus.eventBusArn],
    }));

    expect(securityFindings(stack, RULE)).toEqual([]);
  });
});

describe('EventBusPolicyGrantsAnyone: the legacy form', () => {
  test('flags Principal "*" with an Action and no condition', () => {
    const stack = newStack();
    busPolicy(stack, { principal: '*', action: 'events:PutEvents' });

    expect(securityFindings(stack, RULE)).toEqual([finding('S/Policy')]);
  });

  test.each([
    ['a wildcard organization', { type: 'StringEquals', key: 'aws:PrincipalOrgID', value: '*' }],
    ['an empty organization', { type: 'StringEquals', key: 'aws:PrincipalOrgID', value: '' }],
    ['no value', { type: 'StringEquals', key: 'aws:PrincipalOrgID' }],
  ])('flags Principal "*" with a condition on %s', (_, condition) => {
    const stack = newStack();
    busPolicy(stack, { principal: '*', action: 'events:PutEvents', condition });

    expect(securityFindings(stack, RULE)).toEqual([finding('S/Policy')]);
  });

  test.each([
    ['StringEquals aws:PrincipalOrgID', { type: 'StringEquals', key: 'aws:PrincipalOrgID', value: 'o-abcdefghij' }],
    ['the operator and key in another case', { type: 'stringequals', key: 'aws:principalorgid', value: 'o-abcdefghij' }],
  ])('near-miss: Principal "*" with %s', (_, condition) => {
    const stack = newStack();
    busPolicy(stack, { principal: '*', action: 'events:PutEvents', condition });

    expect(securityFindings(stack, RULE)).toEqual([]);
  });

  test('near-miss: a named account', () => {
    const stack = newStack();
    busPolicy(stack, { principal: '222222222222', action: 'events:PutEvents' });

    expect(securityFindings(stack, RULE)).toEqual([]);
  });
});

describe('EventBusPolicyGrantsAnyone: the Policy of an event bus', () => {
  test('flags an AWS::Events::EventBus whose Policy grants "*", as an object or as JSON text', () => {
    const stack = newStack();
    new events.CfnEventBus(stack, 'Bus', { name: 'orders', policy: { Version: '2012-10-17', Statement: [putEventsForAnyone] } });
    new events.CfnEventBus(stack, 'Text', { name: 'text', policy: JSON.stringify({ Version: '2012-10-17', Statement: { ...putEventsForAnyone, Principal: { AWS: '*' } } }) });

    expect(securityFindings(stack, RULE).sort()).toEqual([finding('S/Bus'), finding('S/Text')]);
  });

  test('near-miss: an event bus whose Policy is scoped to an organization, and one without a Policy', () => {
    const stack = newStack();
    new events.CfnEventBus(stack, 'Bus', {
      name: 'orders',
      policy: { Statement: [{ ...putEventsForAnyone, Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-abcdefghij' } } }] },
    });
    new events.EventBus(stack, 'Plain');

    expect(securityFindings(stack, RULE)).toEqual([]);
  });
});
