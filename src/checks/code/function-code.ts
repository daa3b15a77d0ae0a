import { closeSync, fstatSync, lstatSync, openSync, readSync, realpathSync } from 'fs';
import { isAbsolute, join, relative, resolve, sep } from 'path';
import { Stack, Stage } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { SourceReader, inMemorySources } from '../../policy/code/source-reader';
import { RenderedResource } from '../template-view';

/** Where a function's handler code is, for the analysis of what it calls. */
export interface FunctionCode {
  readonly reader: SourceReader;
  /** The handler's entry file, relative to the code's root. */
  readonly entry: string;
}

/** Files larger than this are not read: handler code is small, a bundle of several MB is not analysed. */
const MAX_FILE_BYTES = 5 * 1024 * 1024;
const JAVASCRIPT_EXTENSIONS = ['.js', '.mjs', '.cjs', '.ts'];

const codeRoots = new WeakMap<Stack, string>();

/**
 * Says where the assets of a stack's template are: the command line loads templates from a cloud
 * assembly into stacks of its own, whose output folder is not the assembly's.
 */
export function setCodeRoot(stack: Stack, assemblyDirectory: string): void {
  codeRoots.set(stack, assemblyDirectory);
}

/**
 * The handler code of a Node.js or Python function whose code the app holds: an inline `ZipFile`, or the
 * asset folder that `aws:asset:path` names (which the CDK writes when asset metadata is on, as
 * the CDK CLI has it by default). `undefined` for other runtimes, code in S3 or ECR, and asset
 * paths that leave the assembly's folder.
 */
export function functionCode(fn: RenderedResource): FunctionCode | undefined {
  const inline = fn.properties.Code?.ZipFile;
  const assetPath = fn.metadata['aws:asset:path'];
  const root = typeof inline === 'string' || typeof assetPath !== 'string' ? undefined : assetFolder(fn.node, assetPath);
  return handlerCode(fn.properties.Runtime, fn.properties.Handler, typeof inline === 'string' ? inline : undefined, root);
}

/**
 * The handler code of a Node.js or Python function, from its runtime's name (`nodejs22.x`,
 * `python3.13`), its handler (`index.handler`; Python names packages with dots,
 * `app.handlers.main` → `app/handlers.py`) and either its inline code or the folder of its asset.
 * `undefined` for other runtimes, or when the handler's file is not there.
 */
export function handlerCode(runtime: unknown, handler: unknown, inline: string | undefined, folder: string | undefined): FunctionCode | undefined {
  const python = typeof runtime === 'string' && runtime.startsWith('python');
  if (typeof runtime !== 'string' || !(runtime.startsWith('nodejs') || python) || typeof handler !== 'string') {
    return undefined;
  }
  const handlerModule = handler.slice(0, Math.max(handler.lastIndexOf('.'), 0));
  const module = python ? handlerModule.replace(/\./g, '/') : handlerModule;
  if (module === '') {
    return undefined;
  }
  if (inline !== undefined) {
    const entry = `${module}${python ? '.py' : '.js'}`;
    return { reader: inMemorySources({ [entry]: inline }), entry };
  }
  if (folder === undefined) {
    return undefined;
  }
  const reader = confinedReader(folder);
  const entry = (python ? ['.py'] : JAVASCRIPT_EXTENSIONS).map(extension => `${module}${extension}`).find(candidate => reader.read(candidate) !== undefined);
  return entry === undefined ? undefined : { reader, entry };
}

function assetFolder(node: IConstruct, assetPath: string): string | undefined {
  const assembly = codeRoots.get(Stack.of(node)) ?? Stage.of(node)?.outdir;
  if (assembly === undefined) {
    return undefined;
  }
  try {
    const base = realpathSync(assembly);
    const folder = realpathSync(isAbsolute(assetPath) ? assetPath : resolve(base, assetPath));
    return isInside(base, folder) && lstatSync(folder).isDirectory() ? folder : undefined;
  } catch {
    return undefined;
  }
}

/** A reader of regular files under a folder that refuses anything a path or a link leads out of it. */
function confinedReader(root: string): SourceReader {
  const cache = new Map<string, string | undefined>();
  return {
    read: path => {
      if (!cache.has(path)) {
        cache.set(path, readInside(root, path));
      }
      return cache.get(path);
    },
  };
}

function readInside(root: string, path: string): string | undefined {
  try {
    const real = realpathSync(join(root, path));
    if (!isInside(root, real)) {
      return undefined;
    }
    const descriptor = openSync(real, 'r');
    try {
      const stats = fstatSync(descriptor);
      if (!stats.isFile() || stats.size > MAX_FILE_BYTES) {
        return undefined;
      }
      const buffer = Buffer.alloc(stats.size);
      readSync(descriptor, buffer, 0, stats.size, 0);
      return buffer.toString('utf8');
    } finally {
      closeSync(descriptor);
    }
  } catch {
    return undefined;
  }
}

function isInside(base: string, candidate: string): boolean {
  const fromBase = relative(base, candidate);
  return fromBase === '' || (!fromBase.startsWith(`..${sep}`) && fromBase !== '..' && !isAbsolute(fromBase));
}
