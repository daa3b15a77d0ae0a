import { findBoto3Calls } from './python/boto3-calls';
import { actionsOfCall } from './sdk-actions';
import { SdkCall, UnknownCall, findSdkCalls } from './sdk-calls';
import { SourceReader } from './source-reader';

/** An IAM action the handler's code needs, with the calls that need it. */
export interface UsedAction {
  /** The action as the Service Authorization Reference writes it: `dynamodb:GetItem`. */
  readonly action: string;
  readonly calls: readonly SdkCall[];
}

/** What a handler's code needs from IAM, and where the analysis cannot tell. */
export interface HandlerActions {
  readonly used: readonly UsedAction[];
  readonly unknown: readonly UnknownCall[];
  readonly files: readonly string[];
}

/**
 * The IAM actions a handler's code (its entry file and the local files it imports) needs, read
 * with the AWS SDK for JavaScript v3 reader or, for a `.py` entry, the boto3 reader,
 * sorted by action. A call whose actions depend on input built at run time is listed as
 * unknown instead.
 */
export function actionsOfHandler(reader: SourceReader, entryFile: string): HandlerActions {
  const usage = /\.py$/.test(entryFile) ? findBoto3Calls(reader, entryFile) : findSdkCalls(reader, entryFile);
  const byAction = new Map<string, SdkCall[]>();
  const unknown: UnknownCall[] = [...usage.unknown];
  for (const call of usage.calls) {
    const actions = actionsOfCall(call);
    if (actions === undefined) {
      unknown.push({ file: call.file, line: call.line, reason: `${call.operation} needs actions that depend on input built at run time` });
      continue;
    }
    for (const action of actions) {
      byAction.set(action, [...(byAction.get(action) ?? []), call]);
    }
  }
  const used = [...byAction.entries()]
    .sort(([left], [right]) => left.localeCompare(right))
    .map(([action, calls]) => ({ action, calls }));
  return { used, unknown, files: usage.files };
}
