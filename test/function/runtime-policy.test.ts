import { Annotations, Match } from 'aws-cdk-lib/assertions';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { SecureFunction } from '../../src';
import { judgeRuntime, latestOfFamily, RUNTIME_DEPRECATION_DATES, RuntimeVerdict } from '../../src/policy/runtimes';
import { LATEST_NODE, LATEST_PYTHON, minimalFunctionProps, newStack } from '../helpers';

const ON = (isoDate: string) => new Date(`${isoDate}T00:00:00Z`);

describe('judgeRuntime', () => {
  test('a runtime past its deprecation date is deprecated', () => {
    expect(judgeRuntime(lambda.Runtime.NODEJS_20_X, ON('2026-05-01'))).toBe(RuntimeVerdict.DEPRECATED);
    expect(judgeRuntime(lambda.Runtime.PYTHON_3_9, ON('2026-01-01'))).toBe(RuntimeVerdict.DEPRECATED);
  });

  test('a runtime within 180 days of its deprecation date is deprecating', () => {
    expect(judgeRuntime(lambda.Runtime.NODEJS_22_X, ON('2027-01-01'))).toBe(RuntimeVerdict.DEPRECATING);
  });

  test('a supported runtime that is not the newest of its family is not latest', () => {
    expect(judgeRuntime(lambda.Runtime.NODEJS_22_X, ON('2026-01-01'))).toBe(RuntimeVerdict.NOT_LATEST);
    expect(judgeRuntime(lambda.Runtime.PYTHON_3_13, ON('2026-01-01'))).toBe(RuntimeVerdict.NOT_LATEST);
  });

  test('the newest runtime of each family is current', () => {
    for (const runtime of [LATEST_NODE, LATEST_PYTHON, lambda.Runtime.JAVA_25, lambda.Runtime.PROVIDED_AL2023]) {
      expect(judgeRuntime(runtime, ON('2026-11-27'))).toBe(RuntimeVerdict.CURRENT);
    }
  });

  test('a container image function is judged current: its runtime is inside the image', () => {
    expect(judgeRuntime(lambda.Runtime.FROM_IMAGE, ON('2026-11-27'))).toBe(RuntimeVerdict.CURRENT);
  });

  test('compares versions as numbers, not as text', () => {
    // As text, python3.9 would be the newest of python3.9 … python3.14.
    expect(latestOfFamily(lambda.Runtime.PYTHON_3_9)?.name).toBe(LATEST_PYTHON.name);
    expect(Number(LATEST_PYTHON.name.split('.')[1])).toBeGreaterThanOrEqual(14);
    expect(latestOfFamily(lambda.Runtime.JAVA_8_CORRETTO)?.name).toBe('java25');
    expect(latestOfFamily(lambda.Runtime.PROVIDED_AL2)?.name).toBe('provided.al2023');
  });

  test('a runtime defined after an earlier answer (by the app, or a newer aws-cdk-lib) becomes the latest of its family', () => {
    const before = latestOfFamily(lambda.Runtime.RUBY_3_3)?.name;
    expect(before).toMatch(/^ruby[4-8]\./);
    const newer = new lambda.Runtime('ruby9.9', lambda.RuntimeFamily.RUBY);
    try {
      expect(latestOfFamily(lambda.Runtime.RUBY_3_3)?.name).toBe('ruby9.9');
    } finally {
      lambda.Runtime.ALL.splice(lambda.Runtime.ALL.indexOf(newer), 1);
    }
    expect(latestOfFamily(lambda.Runtime.RUBY_3_3)?.name).toBe(before);
  });

  test('SecureFunction.latestRuntime is the newest runtime of the family that the installed aws-cdk-lib knows', () => {
    expect(SecureFunction.latestRuntime(lambda.RuntimeFamily.NODEJS)).toBe(LATEST_NODE);
    expect(SecureFunction.latestRuntime(lambda.RuntimeFamily.PYTHON)).toBe(LATEST_PYTHON);
    expect(SecureFunction.latestRuntime(lambda.RuntimeFamily.NODEJS).isVariable).toBe(false);
    expect(judgeRuntime(SecureFunction.latestRuntime(lambda.RuntimeFamily.NODEJS), new Date('2026-12-04'))).toBe(RuntimeVerdict.CURRENT);
    expect(() => SecureFunction.latestRuntime(99 as lambda.RuntimeFamily)).toThrow(/knows no runtime of the family 99\. Fix: pass a lambda\.Runtime/);
  });

  test('every deprecation date is a real date', () => {
    for (const [name, date] of Object.entries(RUNTIME_DEPRECATION_DATES)) {
      expect([name, Number.isNaN(Date.parse(date))]).toEqual([name, false]);
    }
  });
});

describe('SecureFunction runtime checks', () => {
  test('fails on a deprecated runtime', () => {
    expect(() => new SecureFunction(newStack(), 'Fn', { ...minimalFunctionProps, runtime: lambda.Runtime.PYTHON_3_8 }))
      .toThrow(`TestStack/Fn: runtime python3.8 was deprecated on 2024-10-14: it gets no security patches any more. Fix: set runtime to ${LATEST_PYTHON.name}.`);
  });

  test('warns when the runtime is not the latest of its family', () => {
    const stack = newStack();
    new SecureFunction(stack, 'Fn', { ...minimalFunctionProps, runtime: lambda.Runtime.PYTHON_3_13 });

    Annotations.fromStack(stack).hasWarning('/TestStack/Fn', Match.stringLikeRegexp(`runtime python3.13 is not the latest of its family. Fix: move to ${LATEST_PYTHON.name}`));
  });

  test('does not warn about the latest runtime', () => {
    const stack = newStack();
    new SecureFunction(stack, 'Fn', minimalFunctionProps);

    Annotations.fromStack(stack).hasNoWarning('/TestStack/Fn', Match.stringLikeRegexp('runtime'));
  });
});
