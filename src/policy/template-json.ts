/**
 * Plain readings of rendered CloudFormation JSON that every part needs (rules, the spend model,
 * the CLI report): whether a value refers to a resource, and a value as a list. Neutral: imports
 * nothing, knows no construct.
 */

/**
 * Whether a rendered value points at the resource with this logical id: `{ Ref: id }`,
 * `{ 'Fn::GetAtt': [id, …] }`, or a `Fn::Join`/`Fn::Sub` that contains one.
 */
export function refersTo(value: unknown, logicalId: string): boolean {
  if (value === null || typeof value !== 'object') {
    // `Fn::Sub` text: `${Id}` or `${Id.Attribute}`, not `${IdOther}`.
    return typeof value === 'string' && (value.includes(`\${${logicalId}}`) || value.includes(`\${${logicalId}.`));
  }
  if (Array.isArray(value)) {
    return value.some(item => refersTo(item, logicalId));
  }
  const record = value as { [key: string]: unknown };
  if (record.Ref === logicalId) {
    return true;
  }
  const getAtt = record['Fn::GetAtt'];
  if (Array.isArray(getAtt) && getAtt[0] === logicalId) {
    return true;
  }
  if (typeof getAtt === 'string' && getAtt.split('.')[0] === logicalId) {
    return true;
  }
  return Object.values(record).some(item => refersTo(item, logicalId));
}

/** A value as a list: `undefined` is empty, a single value is a list of one. */
export function asList<T>(value: T | T[] | undefined): T[] {
  if (value === undefined || value === null) {
    return [];
  }
  return Array.isArray(value) ? value : [value];
}
