import * as fc from 'fast-check';
import {
  branches, couldEqual, DEFAULT_LIMIT, hasKnownWildcard, hasVariants, MAX_DEPTH, PartialString, possibleStrings, possibleValues,
  TemplateContext, Unknown, UNKNOWN_MARKER,
} from '../../src/policy/intrinsics';

/** The texts of every string alternative, unknown pieces as the marker. */
function texts(value: unknown, context?: TemplateContext, limit?: number): string[] {
  return possibleStrings(value, context, limit).map(candidate => candidate.text);
}

const U = UNKNOWN_MARKER;

const context: TemplateContext = {
  parameters: {
    Star: { Type: 'String', Default: '*' },
    Stage: { Type: 'String', Default: 'dev', AllowedValues: ['dev', 'prod'] },
    Free: { Type: 'String' },
    Port: { Type: 'Number', Default: 443 },
    Names: { Type: 'CommaDelimitedList', Default: 'a, b,c' },
    Subnets: { Type: 'List<AWS::EC2::Subnet::Id>', Default: 'subnet-1,subnet-2' },
    NoListDefault: { Type: 'CommaDelimitedList' },
  },
};

describe('possibleValues', () => {
  test('a literal is its only value, and complete', () => {
    expect(possibleValues('arn:aws:s3:::b')).toEqual([{ complete: true, value: 'arn:aws:s3:::b' }]);
    expect(possibleValues(3)).toEqual([{ complete: true, value: 3 }]);
    expect(possibleValues(null)).toEqual([{ complete: true, value: null }]);
    expect(possibleValues({ a: [1, true] })).toEqual([{ complete: true, value: { a: [1, true] } }]);
  });

  test('Fn::If yields both branches without judging the condition', () => {
    expect(possibleValues({ 'Fn::If': ['IsProd', 'a', 'b'] })).toEqual([
      { complete: true, value: 'a' },
      { complete: true, value: 'b' },
    ]);
  });

  test('identical branches are one alternative', () => {
    expect(possibleValues({ 'Fn::If': ['C', 'a', 'a'] })).toHaveLength(1);
  });

  test('AWS::NoValue alone is an absent value', () => {
    expect(possibleValues({ Ref: 'AWS::NoValue' })).toEqual([{ complete: true, value: undefined }]);
  });

  test('AWS::NoValue removes a key and a list item', () => {
    const value = { A: 'x', B: { 'Fn::If': ['C', 'y', { Ref: 'AWS::NoValue' }] }, L: ['1', { Ref: 'AWS::NoValue' }, '2'] };
    expect(possibleValues(value)).toEqual([
      { complete: true, value: { A: 'x', B: 'y', L: ['1', '2'] } },
      { complete: true, value: { A: 'x', L: ['1', '2'] } },
    ]);
  });

  test('Ref to a parameter yields each AllowedValues value', () => {
    expect(possibleValues({ Ref: 'Stage' }, context)).toEqual([
      { complete: true, value: 'dev' },
      { complete: true, value: 'prod' },
    ]);
  });

  test('Ref to a parameter without AllowedValues yields its Default, as text', () => {
    expect(possibleValues({ Ref: 'Star' }, context)).toEqual([{ complete: true, value: '*' }]);
    expect(possibleValues({ Ref: 'Port' }, context)).toEqual([{ complete: true, value: '443' }]);
  });

  test('Ref to a parameter with neither is unknown', () => {
    const [only] = possibleValues({ Ref: 'Free' }, context);
    expect(only.complete).toBe(false);
    expect(only.value).toEqual(new Unknown('Ref Free'));
  });

  test('a list parameter is its Default split on commas, members trimmed', () => {
    expect(possibleValues({ Ref: 'Names' }, context)).toEqual([{ complete: true, value: ['a', 'b', 'c'] }]);
    expect(possibleValues({ Ref: 'Subnets' }, context)).toEqual([{ complete: true, value: ['subnet-1', 'subnet-2'] }]);
    expect(possibleValues({ Ref: 'NoListDefault' }, context)[0].complete).toBe(false);
  });

  test.each(['AWS::Region', 'AWS::AccountId', 'AWS::Partition', 'AWS::URLSuffix', 'MyBucket'])('Ref %s is unknown', name => {
    expect(possibleValues({ Ref: name }, context)).toEqual([{ complete: false, value: new Unknown(`Ref ${name}`) }]);
  });

  test('a pseudo parameter is unknown even if a parameter has its name', () => {
    const shadow = { parameters: { 'AWS::Region': { Default: 'eu-west-1' } } };
    expect(possibleValues({ Ref: 'AWS::Region' }, shadow)[0].complete).toBe(false);
  });

  test.each([
    ['Fn::GetAtt', ['Bucket', 'Arn']],
    ['Fn::ImportValue', 'Shared'],
    ['Fn::FindInMap', ['Map', 'K', 'V']],
    ['Fn::GetAZs', ''],
    ['Fn::Base64', 'abc'],
    ['Fn::Cidr', ['10.0.0.0/16', 4, 8]],
    ['Fn::Equals', ['a', 'a']],
  ])('%s is unknown', (fn, arg) => {
    const [only] = possibleValues({ [fn]: arg });
    expect(only.complete).toBe(false);
    expect(only.value).toBeInstanceOf(Unknown);
  });

  test('the reason of an unknown names the call', () => {
    expect(possibleValues({ 'Fn::GetAtt': ['Bucket', 'Arn'] })[0].value).toEqual(new Unknown('Fn::GetAtt Bucket.Arn'));
  });

  test('an object with more keys than a call is a plain object', () => {
    expect(possibleValues({ 'Ref': 'X', 'Fn::If': 1 })).toEqual([{ complete: true, value: { 'Ref': 'X', 'Fn::If': 1 } }]);
  });

  test('an undefined property is removed, as JSON would drop it', () => {
    expect(possibleValues({ a: undefined, b: 1 })).toEqual([{ complete: true, value: { b: 1 } }]);
    expect(branches({ a: undefined, b: 1 })).toEqual([{ value: { b: 1 }, complete: true, truncated: false }]);
  });

  test('an already evaluated value is itself, so results can be evaluated again', () => {
    const [partial] = possibleValues({ 'Fn::Sub': 'a${AWS::Region}' });
    expect(possibleValues(partial.value)).toEqual([partial]);
    expect(possibleValues([new Unknown('x')])).toEqual([{ complete: false, value: [new Unknown('x')] }]);
  });

  test('a list parameter may have its Default written as a list', () => {
    const lists = { parameters: { L: { Type: 'CommaDelimitedList', Default: ['a', 2] }, M: { Type: 'List<String>', Default: [{}] } } };
    expect(possibleValues({ Ref: 'L' }, lists)).toEqual([{ complete: true, value: ['a', '2'] }]);
    expect(possibleValues({ Ref: 'M' }, lists)[0].complete).toBe(false);
  });

  test('a partly unknown string is a PartialString inside the alternative', () => {
    const [only] = possibleValues({ 'Fn::Join': ['', ['arn:aws:s3:::', { 'Fn::GetAtt': ['B', 'Name'] }, '/*']] });
    expect(only.complete).toBe(false);
    expect(only.value).toBeInstanceOf(PartialString);
    expect((only.value as PartialString).text()).toBe(`arn:aws:s3:::${U}/*`);
    expect((only.value as PartialString).text('?')).toBe('arn:aws:s3:::?/*');
  });
});

describe('Fn::Join', () => {
  test('joins known items with the separator', () => {
    expect(texts({ 'Fn::Join': [':', ['arn', 'aws', 's3']] })).toEqual(['arn:aws:s3']);
  });

  test('joins numbers and booleans as text', () => {
    expect(texts({ 'Fn::Join': ['-', [1, true]] })).toEqual(['1-true']);
  });

  test('joins an empty list into the empty string', () => {
    expect(texts({ 'Fn::Join': [',', []] })).toEqual(['']);
  });

  test('joins a list that an Fn::Split makes', () => {
    expect(texts({ 'Fn::Join': ['/', { 'Fn::Split': [',', 'a,b,c'] }] })).toEqual(['a/b/c']);
  });

  test('joins a list parameter', () => {
    expect(texts({ 'Fn::Join': ['+', { Ref: 'Names' }] }, context)).toEqual(['a+b+c']);
  });

  test('Join of Sub of a Ref to a parameter defaulting to * is *', () => {
    const value = { 'Fn::Join': ['', [{ 'Fn::Sub': '${Star}' }]] };
    expect(possibleStrings(value, context)).toEqual([{ text: '*', complete: true, segments: ['*'] }]);
  });

  test('an unknown piece leaves the string incomplete', () => {
    const [only] = possibleStrings({ 'Fn::Join': ['', ['arn:', { 'Fn::GetAtt': ['T', 'Arn'] }, ':*']] });
    expect(only.complete).toBe(false);
    expect(only.text).toBe(`arn:${U}:*`);
    expect(only.segments).toEqual(['arn:', new Unknown('Fn::GetAtt T.Arn'), ':*']);
  });

  test('an Fn::If item gives one string per branch', () => {
    expect(texts({ 'Fn::Join': ['', ['a', { 'Fn::If': ['C', 'b', 'c'] }]] })).toEqual(['ab', 'ac']);
  });

  test('a removed item leaves the list', () => {
    expect(texts({ 'Fn::Join': [',', ['a', { Ref: 'AWS::NoValue' }, 'b']] })).toEqual(['a,b']);
  });

  test('a partly unknown item keeps its pieces in place', () => {
    const [only] = possibleStrings({ 'Fn::Join': ['/', [{ 'Fn::Sub': 'a-${AWS::Region}' }, 'b']] });
    expect(only.segments).toEqual(['a-', new Unknown('${AWS::Region}'), '/b']);
  });

  test('a list that is a string is unknown', () => {
    expect(possibleValues({ 'Fn::Join': [',', 'abc'] })).toEqual([{ complete: false, value: new Unknown('Fn::Join of an unknown list') }]);
  });

  test('adjacent unknown pieces merge into one', () => {
    const [only] = possibleStrings({ 'Fn::Join': ['', [{ Ref: 'AWS::Region' }, { Ref: 'AWS::AccountId' }]] });
    expect(only.segments).toEqual([new Unknown('Ref AWS::Region')]);
  });

  test('a separator that is not a string makes the result unknown', () => {
    expect(possibleStrings({ 'Fn::Join': [{ Ref: 'AWS::Region' }, ['a', 'b']] })[0].complete).toBe(false);
    expect(possibleStrings({ 'Fn::Join': [1, ['a', 'b']] })[0].complete).toBe(false);
  });

  test('a list that is not known makes the result unknown, for the list\'s reason', () => {
    expect(possibleStrings({ 'Fn::Join': [',', { 'Fn::GetAZs': '' }] })).toEqual([
      { text: U, complete: false, segments: [new Unknown('Fn::GetAZs')] },
    ]);
  });
});

describe('Fn::Sub', () => {
  test('a string without ${ is itself', () => {
    expect(texts({ 'Fn::Sub': 'plain text' })).toEqual(['plain text']);
  });

  test('replaces a parameter', () => {
    expect(texts({ 'Fn::Sub': 'arn:aws:s3:::${Star}' }, context)).toEqual(['arn:aws:s3:::*']);
  });

  test('replaces from the variables map before the parameters', () => {
    expect(texts({ 'Fn::Sub': ['${Star}-${Other}', { Star: 'mine', Other: { Ref: 'Star' } }] }, context)).toEqual(['mine-*']);
  });

  test('a variable may itself be an intrinsic with alternatives', () => {
    expect(texts({ 'Fn::Sub': ['x-${V}', { V: { 'Fn::If': ['C', '1', '2'] } }] })).toEqual(['x-1', 'x-2']);
  });

  test('${!Literal} is the literal ${Literal}', () => {
    expect(possibleStrings({ 'Fn::Sub': 'a${!Star}b${Star}' }, context)).toEqual([
      { text: 'a${Star}b*', complete: true, segments: ['a${Star}b*'] },
    ]);
  });

  test.each(['AWS::Region', 'AWS::AccountId', 'AWS::Partition', 'AWS::URLSuffix', 'Bucket.Arn', 'Missing'])('${%s} is an unknown piece', name => {
    const [only] = possibleStrings({ 'Fn::Sub': `arn:\${${name}}:x` }, context);
    expect(only).toEqual({ text: `arn:${U}:x`, complete: false, segments: ['arn:', new Unknown(`\${${name}}`), ':x'] });
  });

  test('the same name twice takes the same value each time', () => {
    expect(texts({ 'Fn::Sub': '${Stage}-${Stage}' }, context)).toEqual(['dev-dev', 'prod-prod']);
  });

  test('two parameters combine', () => {
    expect(texts({ 'Fn::Sub': '${Stage}/${Star}' }, context)).toEqual(['dev/*', 'prod/*']);
  });

  test('a list parameter is not a string, so it is an unknown piece', () => {
    expect(possibleStrings({ 'Fn::Sub': 'x${Names}' }, context)[0].complete).toBe(false);
  });

  test('an unterminated ${ is literal text', () => {
    expect(texts({ 'Fn::Sub': 'a${Star' }, context)).toEqual(['a${Star']);
  });

  test('an unknown piece in a string that is otherwise *', () => {
    const [only] = possibleStrings({ 'Fn::Sub': 'arn:${AWS::Partition}:s3:::*' });
    expect(only.complete).toBe(false);
    expect(hasKnownWildcard(only)).toBe(true);
  });
});

describe('Fn::Select and Fn::Split', () => {
  test('selects from a split', () => {
    expect(texts({ 'Fn::Select': [1, { 'Fn::Split': ['/', 'a/b/c'] }] })).toEqual(['b']);
  });

  test('accepts an index written as a string', () => {
    expect(texts({ 'Fn::Select': ['2', ['x', 'y', 'z']] })).toEqual(['z']);
  });

  test('selects from a list parameter', () => {
    expect(texts({ 'Fn::Select': [0, { Ref: 'Names' }] }, context)).toEqual(['a']);
  });

  test('an index out of range is unknown', () => {
    expect(possibleStrings({ 'Fn::Select': [5, ['a']] })[0].complete).toBe(false);
    expect(possibleStrings({ 'Fn::Select': [-1, ['a']] })[0].complete).toBe(false);
  });

  test('an unknown index may pick any item', () => {
    expect(texts({ 'Fn::Select': [{ Ref: 'Free' }, ['a', 'b']] }, context)).toEqual(['a', 'b']);
  });

  test('selecting from a string is unknown', () => {
    expect(possibleValues({ 'Fn::Select': [0, 'abc'] })).toEqual([{ complete: false, value: new Unknown('Fn::Select from an unknown list') }]);
  });

  test('a malformed Fn::Split is unknown', () => {
    expect(possibleValues({ 'Fn::Split': [','] })).toEqual([{ complete: false, value: new Unknown('malformed Fn::Split') }]);
  });

  test('selecting from an unknown list is unknown', () => {
    expect(possibleStrings({ 'Fn::Select': [0, { 'Fn::GetAZs': '' }] })[0].complete).toBe(false);
  });

  test('splitting a partly unknown string is an unknown list', () => {
    const value = { 'Fn::Select': [0, { 'Fn::Split': [',', { 'Fn::Sub': 'a,${AWS::Region}' }] }] };
    expect(possibleStrings(value)[0].complete).toBe(false);
  });

  test('Split makes a list of strings', () => {
    expect(possibleValues({ 'Fn::Split': [',', 'a,,b'] })).toEqual([{ complete: true, value: ['a', '', 'b'] }]);
  });
});

describe('possibleStrings', () => {
  test('a list yields the strings of its items', () => {
    expect(texts(['a', { 'Fn::If': ['C', 'b', ['c', 'd']] }])).toEqual(['a', 'b', 'c', 'd']);
  });

  test('numbers and booleans yield their text', () => {
    expect(texts([1, false])).toEqual(['1', 'false']);
  });

  test('objects, null and removed values yield no string', () => {
    expect(possibleStrings({ a: 'b' })).toEqual([]);
    expect(possibleStrings(null)).toEqual([]);
    expect(possibleStrings({ Ref: 'AWS::NoValue' })).toEqual([]);
  });

  test('an unknown value is one incomplete string', () => {
    expect(possibleStrings({ 'Fn::ImportValue': 'X' })).toEqual([
      { text: U, complete: false, segments: [new Unknown('Fn::ImportValue X')] },
    ]);
  });

  test('duplicates are listed once', () => {
    expect(texts({ 'Fn::If': ['C', ['a', 'b'], ['b', 'a']] })).toEqual(['a', 'b']);
  });
});

describe('branches', () => {
  test('an Fn::If in a statement Resource list gives two statements', () => {
    const statement = {
      Effect: 'Allow',
      Action: 's3:GetObject',
      Resource: ['arn:aws:s3:::a/*', { 'Fn::If': ['Open', '*', { Ref: 'AWS::NoValue' }] }],
    };
    expect(branches(statement)).toEqual([
      { value: { ...statement, Resource: ['arn:aws:s3:::a/*', '*'] }, complete: true, truncated: false },
      { value: { ...statement, Resource: ['arn:aws:s3:::a/*'] }, complete: true, truncated: false },
    ]);
  });

  test('AWS::NoValue removes a key of a statement', () => {
    const statement = { Effect: 'Allow', Condition: { 'Fn::If': ['C', { Bool: { 'aws:SecureTransport': 'true' } }, { Ref: 'AWS::NoValue' }] } };
    expect(branches(statement).map(branch => branch.value)).toEqual([
      { Effect: 'Allow', Condition: { Bool: { 'aws:SecureTransport': 'true' } } },
      { Effect: 'Allow' },
    ]);
  });

  test('intrinsics with known values are replaced by them', () => {
    const document = { Statement: [{ Resource: { 'Fn::Sub': 'arn:aws:s3:::${Stage}/*' } }] };
    expect(branches(document, context).map(branch => branch.value)).toEqual([
      { Statement: [{ Resource: 'arn:aws:s3:::dev/*' }] },
      { Statement: [{ Resource: 'arn:aws:s3:::prod/*' }] },
    ]);
  });

  test('an intrinsic with an unknown part keeps its template form, with its Fn::If picked', () => {
    const resource = { 'Fn::Join': ['', [{ 'Fn::GetAtt': ['B', 'Arn'] }, { 'Fn::If': ['C', '/*', '/x'] }]] };
    expect(branches({ Resource: resource })).toEqual([
      { value: { Resource: { 'Fn::Join': ['', [{ 'Fn::GetAtt': ['B', 'Arn'] }, '/*']] } }, complete: false, truncated: false },
      { value: { Resource: { 'Fn::Join': ['', [{ 'Fn::GetAtt': ['B', 'Arn'] }, '/x']] } }, complete: false, truncated: false },
    ]);
  });

  test('a Ref to a pseudo parameter stays as written for rules that read it', () => {
    const condition = { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } };
    expect(branches(condition)).toEqual([{ value: condition, complete: false, truncated: false }]);
  });

  test('a whole value removed is undefined', () => {
    expect(branches({ Ref: 'AWS::NoValue' })).toEqual([{ value: undefined, complete: true, truncated: false }]);
  });

  test('nested Fn::If in both branches yields every leaf', () => {
    const value = { 'Fn::If': ['A', { 'Fn::If': ['B', 1, 2] }, { 'Fn::If': ['C', 3, 4] }] };
    expect(branches(value).map(branch => branch.value)).toEqual([1, 2, 3, 4]);
  });

  test('a malformed Fn::If stays as written and incomplete', () => {
    expect(branches({ 'Fn::If': ['C', 'a'] })).toEqual([{ value: { 'Fn::If': ['C', 'a'] }, complete: false, truncated: false }]);
  });

  test('the output can be read by possibleStrings', () => {
    const [first] = branches({ Resource: { 'Fn::Sub': 'arn:${AWS::Partition}:s3:::${Star}' } }, context);
    expect(texts((first.value as { Resource: unknown }).Resource, context)).toEqual([`arn:${U}:s3:::*`]);
  });

  test('beyond the cap, the value as written stands for the rest', () => {
    const statement = { Resource: Array.from({ length: 10 }, (_, index) => ({ 'Fn::If': [`C${index}`, `a${index}`, `b${index}`] })) };
    const result = branches(statement, undefined, 5);
    expect(result).toHaveLength(6);
    expect(result.slice(0, 5).every(branch => branch.complete && !branch.truncated)).toBe(true);
    expect(result[5]).toEqual({ value: statement, complete: false, truncated: true });
  });

  test('an intrinsic whose argument has more variants than the cap stands for the rest', () => {
    const items = Array.from({ length: 6 }, (_, index) => ({ 'Fn::If': [`C${index}`, `a${index}`, `b${index}`] }));
    const join = { 'Fn::Join': ['', items] };
    const result = branches(join, undefined, 4);
    expect(result).toHaveLength(5);
    expect(result[4]).toEqual({ value: join, complete: false, truncated: true });
  });

  test('a truncated piece nested deeper is flagged', () => {
    const inner = { 'Fn::If': ['A', { 'Fn::If': ['B', 1, 2] }, 3] };
    const result = branches({ Outer: inner }, undefined, 2);
    expect(result.some(branch => branch.truncated && !branch.complete)).toBe(true);
  });
});

describe('hasVariants', () => {
  const nested = (depth: number, leaf: unknown): unknown => (depth === 0 ? leaf : { Statement: [nested(depth - 1, leaf)] });

  test('is false for a value whose only intrinsics evaluate to one value', () => {
    expect(hasVariants({ Statement: [{ Action: 's3:GetObject', Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':s3:::b/*']] } }] }, context)).toBe(false);
    expect(hasVariants({ Ref: 'NotAParameter' }, context)).toBe(false);
  });

  test.each([
    ['an Fn::If', { 'Fn::If': ['C', '*', 's3:GetObject'] }],
    ['an AWS::NoValue', { Ref: 'AWS::NoValue' }],
    ['a Ref to a parameter', { Ref: 'Stage' }],
    ['an Fn::Sub naming a parameter', { 'Fn::Sub': 'arn:aws:s3:::${Star}' }],
    ['an Fn::Sub with variables naming a parameter', { 'Fn::Sub': ['arn:aws:s3:::${Star}/x', {}] }],
  ])('is true for %s, however deep', (_name, leaf) => {
    expect(hasVariants(leaf, context)).toBe(true);
    expect(hasVariants(nested(5, leaf), context)).toBe(true);
  });

  test('counts nesting deeper than MAX_DEPTH as variants, so depth cannot hide a condition', () => {
    expect(hasVariants(nested(MAX_DEPTH + 2, 'x'), context)).toBe(true);
    expect(hasVariants(nested(Math.floor(MAX_DEPTH / 2) - 1, 'x'), context)).toBe(false);
  });
});

describe('the cap', () => {
  /** A list of `n` items, each an Fn::If between two strings: 2^n combinations. */
  const choices = (n: number): unknown[] => Array.from({ length: n }, (_, index) => ({ 'Fn::If': [`C${index}`, `a${index}`, `b${index}`] }));

  test('at most the default cap, then one unknown alternative', () => {
    const result = possibleValues(choices(40));
    expect(result).toHaveLength(DEFAULT_LIMIT + 1);
    expect(result.slice(0, DEFAULT_LIMIT).every(alternative => alternative.complete)).toBe(true);
    expect(result[DEFAULT_LIMIT]).toEqual({ complete: false, value: new Unknown('more alternatives than the cap') });
  });

  test('a caller cap is honoured', () => {
    expect(possibleValues(choices(10), undefined, 3)).toHaveLength(4);
  });

  test('exactly the cap adds no unknown alternative', () => {
    expect(possibleValues(choices(2), undefined, 4).every(alternative => alternative.complete)).toBe(true);
  });

  test('many Joins of conditions finish quickly and stay capped', () => {
    const value = { 'Fn::Join': ['', choices(200)] };
    const started = Date.now();
    const result = possibleStrings(value);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(result).toHaveLength(DEFAULT_LIMIT + 1);
    expect(result[DEFAULT_LIMIT].complete).toBe(false);
  });

  test('AllowedValues beyond the cap are capped', () => {
    const many = { parameters: { P: { AllowedValues: Array.from({ length: 100 }, (_, index) => `v${index}`) } } };
    const result = possibleValues({ Ref: 'P' }, many, 10);
    expect(result).toHaveLength(11);
    expect(result[10].complete).toBe(false);
  });

  test.each([0, -1, Number.NaN, Number.POSITIVE_INFINITY])('a cap of %p falls back to the default', limit => {
    expect(possibleValues(choices(10), undefined, limit)).toHaveLength(DEFAULT_LIMIT + 1);
  });
});

describe('malformed input', () => {
  test.each([
    ['Ref to a number', { Ref: 1 }],
    ['Fn::If with two arguments', { 'Fn::If': ['C', 'a'] }],
    ['Fn::If of a string', { 'Fn::If': 'C' }],
    ['Fn::Join of a string', { 'Fn::Join': 'abc' }],
    ['Fn::Join with three arguments', { 'Fn::Join': [',', ['a'], 'x'] }],
    ['Fn::Sub of a number', { 'Fn::Sub': 3 }],
    ['Fn::Sub with a list of variables', { 'Fn::Sub': ['${A}', ['x']] }],
    ['Fn::Sub with no template', { 'Fn::Sub': [] }],
    ['Fn::Select of an object', { 'Fn::Select': { a: 1 } }],
    ['Fn::Select with an object index', { 'Fn::Select': [{ a: 1 }, ['a']] }],
    ['Fn::Split with an empty separator', { 'Fn::Split': ['', 'abc'] }],
    ['Fn::Split with a number separator', { 'Fn::Split': [1, 'abc'] }],
    ['Fn::Join of a nested list', { 'Fn::Join': [',', [['a']]] }],
    ['a function', () => 1],
    ['a symbol', Symbol('s')],
    ['a BigInt', BigInt(1)],
    ['a Date', new Date(0)],
  ])('%s does not throw', (_name, value) => {
    expect(() => possibleValues(value, context)).not.toThrow();
    expect(() => possibleStrings(value, context)).not.toThrow();
    expect(() => branches(value, context)).not.toThrow();
    expect(() => branches({ nested: [value] }, context)).not.toThrow();
  });

  test('a malformed call is one incomplete alternative', () => {
    expect(possibleValues({ 'Fn::Join': 'abc' })).toEqual([{ complete: false, value: new Unknown('malformed Fn::Join') }]);
  });

  test('a malformed context is ignored', () => {
    const odd = { parameters: { P: 'not a parameter', Q: { AllowedValues: 'x', Default: { a: 1 } } } } as unknown as TemplateContext;
    expect(possibleValues({ Ref: 'P' }, odd)[0].complete).toBe(false);
    expect(possibleValues({ Ref: 'Q' }, odd)[0].complete).toBe(false);
    expect(possibleValues({ Ref: 'P' }, 'nonsense' as unknown as TemplateContext)[0].complete).toBe(false);
  });

  test('nesting deeper than the maximum is unknown, not a stack overflow', () => {
    let deep: unknown = '*';
    for (let level = 0; level < 10_000; level += 1) {
      deep = { 'Fn::Join': ['', [deep]] };
    }
    expect(() => possibleStrings(deep)).not.toThrow();
    const [only] = possibleStrings(deep);
    expect(only.complete).toBe(false);
    expect(only.segments).toEqual([new Unknown(`nested deeper than ${MAX_DEPTH} levels`)]);
    expect(branches(deep)[0].complete).toBe(false);
  });

  test('nesting within the maximum is evaluated', () => {
    let nested: unknown = '*';
    for (let level = 0; level < 5; level += 1) {
      nested = { 'Fn::Join': ['', [nested]] };
    }
    expect(texts(nested)).toEqual(['*']);
  });

  test('a __proto__ key stays an own property', () => {
    const value = JSON.parse('{"__proto__": {"Fn::If": ["C", "a", "b"]}}') as unknown;
    const result = possibleValues(value);
    expect(result).toHaveLength(2);
    expect(Object.keys(result[0].value as object)).toEqual(['__proto__']);
    expect(Object.keys(branches(value)[0].value as object)).toEqual(['__proto__']);
  });
});

describe('couldEqual and hasKnownWildcard', () => {
  const partial = (...segments: (string | null)[]) => ({ segments: segments.map(segment => segment ?? new Unknown('x')) });

  test.each([
    [partial('*'), '*', true],
    [partial('a'), '*', false],
    [partial(null), '*', true],
    [partial('arn:', null), 'arn:*', true],
    [partial('arn:', null), '*', false],
    [partial(null, ':*'), 'a:*', true],
    [partial('a', null, 'b', null, 'c'), 'aXbYc', true],
    [partial('a', null, 'b', null, 'c'), 'acb', false],
    [partial('ab', null, 'ba'), 'aba', false],
    [partial('ab', null, 'ba'), 'abba', true],
    [partial('ab', null, 'b', null, 'ab'), 'abab', false],
    [partial('ab', null, 'b', null, 'ab'), 'abbab', true],
  ])('%j could equal %p: %p', (candidate, literal, expected) => {
    expect(couldEqual(candidate, literal)).toBe(expected);
  });

  test('hasKnownWildcard looks at the known text only', () => {
    expect(hasKnownWildcard(partial('arn:', null, '/*'))).toBe(true);
    expect(hasKnownWildcard(partial('a?c'))).toBe(true);
    expect(hasKnownWildcard(partial('arn:', null))).toBe(false);
  });

  test('works on possibleStrings output', () => {
    const [only] = possibleStrings({ 'Fn::Sub': '${AWS::AccountId}' });
    expect(couldEqual(only, '*')).toBe(true);
  });
});

describe('properties', () => {
  test('a Join of a split literal is the literal', () => {
    fc.assert(fc.property(fc.string(), fc.nat(), (s, cut) => {
      const at = s.length === 0 ? 0 : cut % (s.length + 1);
      const value = { 'Fn::Join': ['', [s.slice(0, at), s.slice(at)]] };
      expect(possibleStrings(value)).toEqual([{ text: s, complete: true, segments: [s] }]);
    }));
  });

  test('a Sub of text without ${ is the text', () => {
    fc.assert(fc.property(fc.string().filter(s => !s.includes('${')), s => {
      expect(possibleStrings({ 'Fn::Sub': s })).toEqual([{ text: s, complete: true, segments: [s] }]);
    }));
  });
});
