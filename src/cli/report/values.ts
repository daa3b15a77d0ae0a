import { asList } from '../../policy/template-json';

/**
 * A template value as a reviewer reads it: strings as they are, `{ Ref: X }` as `${X}`,
 * `{ 'Fn::GetAtt': [X, 'Arn'] }` as `${X.Arn}`, joins and subs as the text they build.
 */
export function describeValue(value: unknown): string {
  if (value === undefined || value === null) {
    return '';
  }
  if (typeof value !== 'object') {
    return String(value);
  }
  if (Array.isArray(value)) {
    return value.map(describeValue).join(', ');
  }
  const record = value as { [key: string]: unknown };
  if (typeof record.Ref === 'string') {
    return `\${${record.Ref}}`;
  }
  const getAtt = record['Fn::GetAtt'];
  if (getAtt !== undefined) {
    return `\${${Array.isArray(getAtt) ? getAtt.map(describeValue).join('.') : String(getAtt)}}`;
  }
  const join = record['Fn::Join'];
  if (Array.isArray(join) && join.length === 2) {
    return asList(join[1] as unknown[]).map(describeValue).join(String(join[0]));
  }
  const sub = record['Fn::Sub'];
  if (sub !== undefined) {
    return typeof sub === 'string' ? sub : describeValue(asList(sub as unknown[])[0]);
  }
  const importValue = record['Fn::ImportValue'];
  if (importValue !== undefined) {
    return `import(${describeValue(importValue)})`;
  }
  return JSON.stringify(value);
}

/** A string from a literal or a `Ref` to a parameter with a default. */
export function stringValue(value: unknown, parameterDefaults: ReadonlyMap<string, unknown>): string | undefined {
  if (typeof value === 'string') {
    return value;
  }
  const ref = (value as { Ref?: unknown } | null)?.Ref;
  if (typeof ref === 'string' && typeof parameterDefaults.get(ref) === 'string') {
    return parameterDefaults.get(ref) as string;
  }
  return undefined;
}
