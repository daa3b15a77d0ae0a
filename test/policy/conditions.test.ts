import { conditionNarrows, judgeCondition } from '../../src/policy/conditions';

describe('conditionNarrows', () => {
  test.each([
    ['no condition', undefined],
    ['an empty condition', {}],
    ['StringLike aws:SourceAccount "*"', { StringLike: { 'aws:SourceAccount': '*' } }],
    ['StringLike aws:SourceAccount "1111*"', { StringLike: { 'aws:SourceAccount': '1111*' } }],
    ['ArnLike aws:SourceArn "*"', { ArnLike: { 'aws:SourceArn': '*' } }],
    ['ArnLike aws:SourceArn "arn:*"', { ArnLike: { 'aws:SourceArn': 'arn:*' } }],
    ['ArnLike aws:SourceArn "arn:*:*:*:*:*"', { ArnLike: { 'aws:SourceArn': 'arn:*:*:*:*:*' } }],
    ['ArnLike aws:SourceArn "arn:aws:sns:eu-west-1:*:*"', { ArnLike: { 'aws:SourceArn': 'arn:aws:sns:eu-west-1:*:*' } }],
    ['IpAddress aws:SourceIp 0.0.0.0/0', { IpAddress: { 'aws:SourceIp': '0.0.0.0/0' } }],
    ['IpAddress aws:SourceIp ::/0 among ranges', { IpAddress: { 'aws:SourceIp': ['10.0.0.0/8', '::/0'] } }],
    ['StringEqualsIfExists aws:SourceAccount', { StringEqualsIfExists: { 'aws:SourceAccount': '111111111111' } }],
    ['ArnLikeIfExists aws:SourceArn', { ArnLikeIfExists: { 'aws:SourceArn': 'arn:aws:sns:eu-west-1:111111111111:t' } }],
    ['Null aws:SourceAccount false', { Null: { 'aws:SourceAccount': 'false' } }],
    ['StringNotEquals aws:PrincipalOrgID', { StringNotEquals: { 'aws:PrincipalOrgID': 'o-abc123' } }],
    ['StringNotLike aws:SourceArn', { StringNotLike: { 'aws:SourceArn': 'arn:aws:sns:*:111111111111:*' } }],
    ['ArnNotEquals aws:SourceArn', { ArnNotEquals: { 'aws:SourceArn': 'arn:aws:sns:eu-west-1:111111111111:t' } }],
    ['NotIpAddress aws:SourceIp', { NotIpAddress: { 'aws:SourceIp': '203.0.113.0/24' } }],
    ['kms:CallerAccount "*"', { StringEquals: { 'kms:CallerAccount': '*' } }],
    ['aws:SourceOwner "*"', { StringLike: { 'AWS:SourceOwner': '*' } }],
    ['ForAllValues:StringEquals aws:PrincipalOrgPaths', { 'ForAllValues:StringEquals': { 'aws:PrincipalOrgPaths': 'o-abc/r-1/ou-1/' } }],
    ['StringEquals aws:Referer', { StringEquals: { 'aws:Referer': 'https://example.com' } }],
    ['StringLike aws:UserAgent', { StringLike: { 'aws:UserAgent': 'my-app/*' } }],
    ['Bool aws:SecureTransport true', { Bool: { 'aws:SecureTransport': 'true' } }],
    ['StringEquals aws:SourceAccount with no value', { StringEquals: { 'aws:SourceAccount': [] } }],
    ['StringEquals aws:SourceAccount "" ', { StringEquals: { 'aws:SourceAccount': '' } }],
    ['StringEquals aws:PrincipalOrgID undefined', { StringEquals: { 'aws:PrincipalOrgID': undefined } }],
    ['StringEquals aws:PrincipalOrgID with an undefined value among ids', { StringEquals: { 'aws:PrincipalOrgID': ['o-abc123', undefined] } }],
  ])('%s does not narrow', (_name, condition) => {
    expect(conditionNarrows(condition)).toBe(false);
  });

  test.each([
    ['StringEquals aws:SourceAccount', { StringEquals: { 'aws:SourceAccount': '111111111111' } }],
    ['StringEquals aws:SourceAccount from a Ref', { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } }],
    ['ArnLike aws:SourceArn of one account', { ArnLike: { 'aws:SourceArn': 'arn:aws:sns:*:111111111111:*' } }],
    ['ArnEquals aws:SourceArn of a bucket', { ArnEquals: { 'aws:SourceArn': 'arn:aws:s3:::my-bucket' } }],
    ['ArnLike aws:SourceArn of named topics in any account', { ArnLike: { 'aws:SourceArn': 'arn:aws:sns:*:*:alerts-*' } }],
    ['StringEquals aws:PrincipalOrgID', { StringEquals: { 'aws:PrincipalOrgID': 'o-abc123' } }],
    ['ForAnyValue:StringLike aws:PrincipalOrgPaths', { 'ForAnyValue:StringLike': { 'aws:PrincipalOrgPaths': ['o-abc/r-1/ou-1/*'] } }],
    ['IpAddress aws:SourceIp of a range', { IpAddress: { 'aws:SourceIp': ['203.0.113.0/24', '2001:db8::/32'] } }],
    ['StringEquals aws:SourceVpce', { StringEquals: { 'aws:SourceVpce': 'vpce-1a2b3c4d' } }],
    ['StringEquals aws:SourceVpc', { StringEquals: { 'aws:SourceVpc': 'vpc-1a2b3c4d' } }],
    ['StringEquals kms:CallerAccount', { StringEquals: { 'kms:CallerAccount': '111111111111' } }],
    ['StringEquals AWS:SourceOwner (case)', { StringEquals: { 'AWS:SourceOwner': '111111111111' } }],
    ['ArnEquals aws:PrincipalArn', { ArnEquals: { 'aws:PrincipalArn': 'arn:aws:iam::111111111111:role/app' } }],
    ['StringEquals lambda:EventSourceToken', { StringEquals: { 'lambda:EventSourceToken': 'token-1' } }],
    ['a narrowing block beside one that does not', {
      Bool: { 'aws:SecureTransport': 'true' },
      StringEquals: { 'aws:SourceAccount': '111111111111' },
    }],
  ])('%s narrows', (_name, condition) => {
    expect(conditionNarrows(condition)).toBe(true);
  });

  test('the reason names the operator and key at fault', () => {
    expect(judgeCondition({ StringNotEquals: { 'aws:PrincipalOrgID': 'o-abc123' } }).reason)
      .toBe('StringNotEquals aws:PrincipalOrgID is negated: it grants everyone outside the values it names');
    expect(judgeCondition({ StringLike: { 'aws:SourceAccount': '*' } }).reason)
      .toBe('StringLike aws:SourceAccount "*" matches every caller');
    expect(judgeCondition({ Bool: { 'aws:SecureTransport': 'true' } }).reason)
      .toBe('Bool aws:SecureTransport does not identify the caller or source');
    expect(judgeCondition({ StringEquals: { 'aws:SourceAccount': '111111111111' } }).reason)
      .toBe('StringEquals aws:SourceAccount pins "111111111111"');
  });
});
