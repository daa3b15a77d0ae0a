import { CfnResource } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { AssemblyMetadata, metadataAt } from './assembly';
import { isCdkHelperFunction } from '../checks/template-view';

/** The construct metadata types by which the CDK marks the functions it creates itself. */
const HANDLER_MARKER = 'aws:cdk:is-custom-resource-handler';

/**
 * Marks a function included from a template as a CDK helper function (log retention,
 * auto-delete, custom-resource providers…) when `isCdkHelperFunction` would say so of the
 * construct that `cdk synth` made it from.
 *
 * That check reads construct paths and construct metadata, which a template loaded with
 * the CLI's loader does not have (its constructs are named by logical id). So this rebuilds, from
 * the template's `aws:cdk:path` and the assembly's metadata, a stand-in construct with the same
 * path and markers, asks the same function about it, and copies the verdict onto the included
 * resource as a marker. The rules then treat the function as they did at synth time.
 */
export function markCdkHelper(node: CfnResource, cdkPath: string | undefined, metadata: AssemblyMetadata, probes: Construct): void {
  if (cdkPath === undefined) {
    return;
  }
  const probe = probeAt(probes, cdkPath, metadata);
  if (isCdkHelperFunction(probe as unknown as CfnResource)) {
    node.node.addMetadata(`${HANDLER_MARKER}-cdk-secure-serverless-cli`, true);
  }
}

/** A root for stand-in constructs; one per run. */
export function newProbeRoot(): Construct {
  return new Construct(undefined as unknown as Construct, '');
}

function probeAt(root: Construct, cdkPath: string, metadata: AssemblyMetadata): Construct {
  let scope = root;
  const segments = cdkPath.split('/').filter(segment => segment.length > 0);
  segments.forEach((segment, index) => {
    const existing = scope.node.tryFindChild(segment) as Construct | undefined;
    if (existing) {
      scope = existing;
      return;
    }
    const child = new Construct(scope, segment);
    for (const entry of metadataAt(metadata, segments.slice(0, index + 1).join('/'))) {
      if (entry.type.startsWith(HANDLER_MARKER)) {
        child.node.addMetadata(entry.type, entry.data ?? true);
      }
    }
    scope = child;
  });
  return scope;
}
