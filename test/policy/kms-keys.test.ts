import { isAwsManagedKeyId, mayBeAwsManagedKey } from '../../src/policy/kms-keys';

describe('isAwsManagedKeyId', () => {
  test.each([
    ['alias/aws/secretsmanager'],
    ['aws/secretsmanager'],
    ['arn:aws:kms:eu-west-1:111111111111:alias/aws/secretsmanager'],
    ['arn:aws-us-gov:kms:us-gov-west-1:111111111111:alias/aws/sqs'],
  ])('takes %s for an AWS managed key', keyId => {
    expect(isAwsManagedKeyId(keyId)).toBe(true);
  });

  test.each([
    ['alias/aws-team-key'],
    ['aws-team-key'],
    ['arn:aws:kms:eu-west-1:111111111111:alias/aws-team-key'],
    ['alias/payments'],
    ['1234abcd-12ab-34cd-56ef-1234567890ab'],
    ['arn:aws:kms:eu-west-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab'],
    ['alias/aws/'],
  ])('takes %s for a customer key', keyId => {
    expect(isAwsManagedKeyId(keyId)).toBe(false);
  });
});

describe('mayBeAwsManagedKey', () => {
  test('evaluates intrinsics whose known text proves an AWS managed key', () => {
    expect(mayBeAwsManagedKey({ 'Fn::Sub': 'arn:${AWS::Partition}:kms:${AWS::Region}:${AWS::AccountId}:alias/aws/sqs' })).toBe(true);
    expect(mayBeAwsManagedKey({ 'Fn::Join': ['', ['alias/aws/', { Ref: 'Service' }]] })).toBe(true);
    expect(mayBeAwsManagedKey({ 'Fn::If': ['Managed', 'aws/secretsmanager', { 'Fn::GetAtt': ['Key', 'Arn'] }] })).toBe(true);
  });

  test('takes what only the deployment decides for a customer key', () => {
    expect(mayBeAwsManagedKey({ 'Fn::GetAtt': ['Key', 'Arn'] })).toBe(false);
    expect(mayBeAwsManagedKey({ 'Fn::Join': ['', [{ Ref: 'Prefix' }, 'alias/aws/sqs']] })).toBe(false);
    expect(mayBeAwsManagedKey({ 'Fn::Join': ['', ['alias/aws-', { Ref: 'Team' }]] })).toBe(false);
  });
});
