import { actionsOf, PolicyStatementJson, resourcePatternsOf } from '../../src/checks/policy-document';

describe('actionsOf and resourcePatternsOf', () => {
  const statement: PolicyStatementJson = {
    Effect: 'Allow',
    Action: ['s3:GetObject', { 'Fn::Join': ['', ['s3:', 'PutObject']] }],
    Resource: [{ 'Fn::Join': ['', [{ 'Fn::GetAtt': ['Bucket', 'Arn'] }, '/*']] }, '*'],
  };

  test('read literals and intrinsics whose pieces are known', () => {
    expect(actionsOf(statement)).toEqual(['s3:GetObject', 's3:PutObject']);
    expect(resourcePatternsOf(statement)).toHaveLength(2);
    expect(resourcePatternsOf(statement)).toContain('*');
  });

  test('expand a statement once: the same statement object gets the same frozen list', () => {
    expect(actionsOf(statement)).toBe(actionsOf(statement));
    expect(resourcePatternsOf(statement)).toBe(resourcePatternsOf(statement));
    expect(Object.isFrozen(actionsOf(statement))).toBe(true);
    expect(Object.isFrozen(resourcePatternsOf(statement))).toBe(true);
  });

  test('read an equal statement that is another object on its own', () => {
    const copy = JSON.parse(JSON.stringify(statement)) as PolicyStatementJson;

    expect(actionsOf(copy)).not.toBe(actionsOf(statement));
    expect(actionsOf(copy)).toEqual(actionsOf(statement));
  });
});
