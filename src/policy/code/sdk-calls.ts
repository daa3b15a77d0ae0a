import { SyntaxNode, lineOf, literalText, nameOf, parseModule, walk } from './parse-module';
import { SourceReader, resolveLocalImport } from './source-reader';

/** One AWS API operation the handler's code can call through the AWS SDK for JavaScript v3. */
export interface SdkCall {
  /** The SDK package it comes from, without `@aws-sdk/`: `client-s3`, `lib-dynamodb`, `lib-storage`. */
  readonly sdkPackage: string;
  /** The operation: `GetObject`, `Query`, `Upload`. */
  readonly operation: string;
  /**
   * What the input says about which actions the operation needs, where that depends on it:
   * the item kinds of a `TransactWriteItems` (`Put`, `Update`…), the verb of a PartiQL statement.
   */
  readonly qualifiers: readonly string[];
  /** Environment variables whose values name the resource in the call's input (`TableName: process.env.TABLE`). */
  readonly environmentVariables: readonly string[];
  readonly file: string;
  readonly line: number;
}

/** A place where the code calls AWS in a way the analysis cannot resolve; never guessed. */
export interface UnknownCall {
  readonly file: string;
  readonly line: number;
  /** What the code does there, for the report. */
  readonly reason: string;
}

/** What a handler's code can call, from its entry file and the local files it imports. */
export interface CodeUsage {
  readonly calls: readonly SdkCall[];
  readonly unknown: readonly UnknownCall[];
  /** The files read, relative to the code's root. */
  readonly files: readonly string[];
}

const SDK_PREFIX = '@aws-sdk/';
/** Methods of an SDK client object that are not operations. */
const CLIENT_METHODS = new Set(['send', 'destroy', 'middlewareStack', 'config']);
/** Local files followed at most, so a huge asset folder cannot stall synth. */
const MAX_FILES = 200;

/** Which SDK export an expression refers to, in the module being read. */
type SdkLookup = (node: SyntaxNode | undefined) => SdkBinding | undefined;

interface SdkBinding {
  readonly sdkPackage: string;
  /** The exported name, `*` for a namespace import or a whole `require`. */
  readonly exported: string;
}

/**
 * Finds the AWS SDK v3 operations the handler's entry file and the local modules it imports can
 * call: commands (`new GetObjectCommand(…)`, also referenced as values in a map), the
 * aggregated clients' methods (`new S3().getObject(…)`), the DynamoDB document client
 * (`GetCommand`, `DynamoDBDocument.get`), paginators (`paginateQuery`), `lib-storage`'s
 * `Upload` and presigned posts. A file is analysed as a whole: a helper module's every call
 * counts once it is imported.
 */
export function findSdkCalls(reader: SourceReader, entryFile: string): CodeUsage {
  const calls: SdkCall[] = [];
  const unknown: UnknownCall[] = [];
  const exportsByFile = new Map<string, ModuleExports>();
  const visiting = new Set<string>();
  const files: string[] = [];
  let truncated = false;

  // Depth first, dependencies before their importers, so that an import of a local module
  // that re-exports SDK commands or exports a client knows what it imports.
  const visit = (file: string): ModuleExports => {
    const known = exportsByFile.get(file);
    if (known !== undefined || visiting.has(file)) {
      return known ?? NO_EXPORTS;
    }
    if (files.length >= MAX_FILES) {
      truncated = true;
      return NO_EXPORTS;
    }
    visiting.add(file);
    files.push(file);
    const source = reader.read(file);
    const program = source === undefined ? undefined : parseModule(source, file);
    if (program === undefined) {
      unknown.push({ file, line: 0, reason: source === undefined ? 'the file is not in the function\'s code' : 'the file is not valid JavaScript or TypeScript' });
      exportsByFile.set(file, NO_EXPORTS);
      return NO_EXPORTS;
    }
    const specifiers = localImportsOf(program);
    if (specifiers.length === 0) {
      const alone = selfContainedFindings(program, file);
      calls.push(...alone.calls);
      unknown.push(...alone.unknown);
      exportsByFile.set(file, alone.exports);
      visiting.delete(file);
      return alone.exports;
    }
    const dependencies = new Map<string, ModuleExports>();
    for (const specifier of specifiers) {
      const resolved = resolveLocalImport(reader, file, specifier);
      if (resolved === undefined) {
        unknown.push({ file, line: 0, reason: `imports '${specifier}', which is not in the function's code` });
      } else {
        dependencies.set(specifier, visit(resolved));
      }
    }
    const found = analyseModule(program, file, specifier => dependencies.get(specifier));
    calls.push(...found.calls);
    unknown.push(...found.unknown);
    exportsByFile.set(file, found.exports);
    visiting.delete(file);
    return found.exports;
  };
  visit(entryFile);
  if (truncated) {
    unknown.push({ file: entryFile, line: 0, reason: `imports more than ${MAX_FILES} local files; the rest were not read` });
  }
  return { calls, unknown, files };
}

/** What a local module exports that the analysis follows: SDK exports it re-exports, clients it makes. */
interface ModuleExports {
  readonly named: ReadonlyMap<string, ExportedValue>;
  /** SDK packages re-exported whole (`export * from '@aws-sdk/lib-dynamodb'`). */
  readonly star: readonly string[];
}

type ExportedValue =
  | { readonly kind: 'sdk'; readonly binding: SdkBinding }
  | { readonly kind: 'aggregated'; readonly sdkPackage: string }
  | { readonly kind: 'client' };

const NO_EXPORTS: ModuleExports = { named: new Map(), star: [] };

/** The relative specifiers of each syntax tree, read once (the tree is shared by functions with the same text). */
const LOCAL_IMPORTS = new WeakMap<SyntaxNode, readonly string[]>();

/** The relative specifiers a module imports, requires or re-exports. */
function localImportsOf(program: SyntaxNode): readonly string[] {
  let known = LOCAL_IMPORTS.get(program);
  if (known === undefined) {
    known = Object.freeze(readLocalImports(program));
    LOCAL_IMPORTS.set(program, known);
  }
  return known;
}

function readLocalImports(program: SyntaxNode): string[] {
  const specifiers: string[] = [];
  walk(program, node => {
    const source = ['ImportDeclaration', 'ExportAllDeclaration', 'ExportNamedDeclaration'].includes(node.type) && node.importKind !== 'type' && node.exportKind !== 'type'
      ? literalText(node.source) : requiredModule(node)?.name;
    if (source !== undefined && source.startsWith('.')) {
      specifiers.push(source);
    }
  });
  return [...new Set(specifiers)];
}

interface ModuleFindings {
  readonly calls: SdkCall[];
  readonly unknown: UnknownCall[];
  readonly exports: ModuleExports;
}

/**
 * What a module that imports no local file finds, by syntax tree and file name. Its findings
 * depend on nothing else, and apps ship one handler text in many functions (parseModule hands
 * them all the same tree), so each is analysed once. Keyed by the tree, which lives one run.
 */
const SELF_CONTAINED = new WeakMap<SyntaxNode, Map<string, ModuleFindings>>();

function selfContainedFindings(program: SyntaxNode, file: string): ModuleFindings {
  let byFile = SELF_CONTAINED.get(program);
  if (byFile === undefined) {
    byFile = new Map();
    SELF_CONTAINED.set(program, byFile);
  }
  let findings = byFile.get(file);
  if (findings === undefined) {
    findings = analyseModule(program, file, () => undefined);
    byFile.set(file, findings);
  }
  return findings;
}

function analyseModule(program: SyntaxNode, file: string, importsOf: (specifier: string) => ModuleExports | undefined): ModuleFindings {
  const bindings = new Map<string, SdkBinding>();
  const declarations = new Set<SyntaxNode>();
  const unknown: UnknownCall[] = [];
  const environmentConstants = new Map<string, string>();
  const aggregatedClients = new Map<string, string>();
  const clients = new Set<string>();
  const bindLocal = (local: SyntaxNode, value: ExportedValue | undefined) => {
    declarations.add(local);
    if (value?.kind === 'sdk') {
      bindings.set(local.name, value.binding);
    } else if (value?.kind === 'aggregated') {
      aggregatedClients.set(local.name, value.sdkPackage);
    } else if (value?.kind === 'client') {
      clients.add(local.name);
    }
  };

  // First pass: what the module imports, and which names hold environment variables.
  walk(program, (node, parent) => {
    if (node.type === 'ImportDeclaration') {
      const source = literalText(node.source);
      if (source === undefined || node.importKind === 'type') {
        return;
      }
      const sdkPackage = modeledPackageOf(source);
      const local = source.startsWith('.') ? importsOf(source) : undefined;
      const unmodeled = unmodeledAwsLibrary(source);
      if (unmodeled !== undefined) {
        unknown.push({ file, line: lineOf(node), reason: unmodeled });
      }
      for (const specifier of node.specifiers as SyntaxNode[]) {
        const exported = specifier.type === 'ImportSpecifier' ? nameOf(specifier.imported) : '*';
        if (exported === undefined || specifier.importKind === 'type') {
          continue;
        }
        if (sdkPackage !== undefined) {
          bindLocal(specifier.local, { kind: 'sdk', binding: { sdkPackage, exported } });
        } else if (local !== undefined && exported !== '*') {
          bindLocal(specifier.local, exportedBy(local, exported));
        }
      }
      return;
    }
    const required = requiredModule(node);
    if (required !== undefined) {
      const declarator = parent?.type === 'VariableDeclarator' ? parent : undefined;
      if (required.name === undefined) {
        unknown.push({ file, line: lineOf(node), reason: 'loads a module whose name is computed at run time' });
      } else {
        const unmodeled = unmodeledAwsLibrary(required.name);
        if (unmodeled !== undefined) {
          unknown.push({ file, line: lineOf(node), reason: unmodeled });
        }
        const sdkPackage = modeledPackageOf(required.name);
        if (declarator !== undefined && sdkPackage !== undefined) {
          bindRequire(declarator.id, sdkPackage, bindings, declarations);
        } else if (declarator !== undefined && required.name.startsWith('.') && declarator.id.type === 'ObjectPattern') {
          const exports = importsOf(required.name);
          for (const property of declarator.id.properties as SyntaxNode[]) {
            const name = property.type === 'ObjectProperty' && !property.computed ? nameOf(property.key) : undefined;
            if (exports !== undefined && name !== undefined && property.value?.type === 'Identifier') {
              bindLocal(property.value, exportedBy(exports, name));
            }
          }
        }
      }
    }
    if (node.type === 'VariableDeclarator' && node.id.type === 'Identifier') {
      const variable = environmentVariableOf(node.init);
      if (variable !== undefined) {
        environmentConstants.set(node.id.name, variable);
      }
    }
    // `const { S3 } = await import('@aws-sdk/client-s3')`
    if (node.type === 'VariableDeclarator' && node.init?.type === 'AwaitExpression') {
      const imported = requiredModule(unwrapExpression(node.init)!)?.name;
      const sdkPackage = imported === undefined ? undefined : modeledPackageOf(imported);
      if (sdkPackage !== undefined) {
        bindRequire(node.id, sdkPackage, bindings, declarations);
      }
    }
  });

  const sdkOf = (node: SyntaxNode | undefined): SdkBinding | undefined => sdkReference(node, bindings, declarations);
  const commandVariables = new Set<string>();

  // Second pass: which names hold clients, and which hold commands.
  walk(program, node => {
    const target = assignedName(node);
    if (target === undefined) {
      return;
    }
    const kind = clientKind(target.value, sdkOf);
    if (kind === 'aggregated') {
      aggregatedClients.set(target.name, madeBy(target.value, sdkOf) ?? '');
    } else if (kind === 'client') {
      clients.add(target.name);
    } else if (target.value?.type === 'NewExpression' && operationOf(sdkOf(target.value.callee)) !== undefined) {
      commandVariables.add(target.name);
    }
  });

  const calls: SdkCall[] = [];
  const record = (binding: SdkBinding, operation: string, at: SyntaxNode, input: SyntaxNode | undefined) => {
    calls.push({
      sdkPackage: binding.sdkPackage,
      operation,
      qualifiers: qualifiersOf(operation, input),
      environmentVariables: environmentVariablesIn(input, environmentConstants),
      file,
      line: lineOf(at),
    });
  };

  // Third pass: the operations.
  walk(program, (node, parent, key) => {
    if (node.type === 'Identifier' || node.type === 'MemberExpression') {
      if (node.type === 'Identifier' && !isReference(node, parent, key, declarations)) {
        return;
      }
      if (node.type === 'MemberExpression' && node.computed && sdkOf(node.object)?.exported === '*') {
        unknown.push({ file, line: lineOf(node), reason: `picks an export of @aws-sdk/${sdkOf(node.object)!.sdkPackage} by a name computed at run time` });
        return;
      }
      const binding = sdkOf(node);
      const operation = operationOf(binding);
      if (binding !== undefined && operation !== undefined) {
        const input = parent?.type === 'NewExpression' && key === 'callee' ? parent.arguments[0]
          : parent?.type === 'CallExpression' && key === 'callee' ? parent.arguments[1] : undefined;
        record(binding, operation, node, input);
      }
      return;
    }
    if (node.type === 'CallExpression' && node.callee.type === 'MemberExpression') {
      const receiver = receiverName(node.callee.object);
      const isAggregated = (receiver !== undefined && aggregatedClients.has(receiver)) || clientKind(node.callee.object, sdkOf) === 'aggregated';
      const method = node.callee.computed ? undefined : nameOf(node.callee.property);
      if (isAggregated) {
        if (method === undefined) {
          unknown.push({ file, line: lineOf(node), reason: 'calls a method of an AWS SDK client by a name computed at run time' });
        } else if (!CLIENT_METHODS.has(method)) {
          const sdkPackage = madeBy(node.callee.object, sdkOf) ?? (receiver === undefined ? undefined : aggregatedClients.get(receiver));
          if (sdkPackage !== undefined && sdkPackage !== '') {
            record({ sdkPackage, exported: method }, method.charAt(0).toUpperCase() + method.slice(1), node, node.arguments[0]);
          }
        }
      }
      const isClient = isAggregated || (receiver !== undefined && clients.has(receiver));
      if (isClient && method === 'send' && !isTraceableCommand(node.arguments[0], sdkOf, commandVariables)) {
        unknown.push({ file, line: lineOf(node), reason: 'sends a command built elsewhere or chosen at run time' });
      }
    }
  });
  return { calls, unknown, exports: exportsOfModule(program, importsOf, bindings, aggregatedClients, clients) };
}

/** `require('x')`, `await import('x')`: the module name, or `name: undefined` when computed. */
function requiredModule(node: SyntaxNode): { readonly name: string | undefined } | undefined {
  const isRequire = node.type === 'CallExpression' && node.callee.type === 'Identifier' && node.callee.name === 'require';
  const isImport = node.type === 'CallExpression' && node.callee.type === 'Import';
  if (!isRequire && !isImport && node.type !== 'ImportExpression') {
    return undefined;
  }
  const argument = node.type === 'ImportExpression' ? node.source : node.arguments[0];
  return { name: literalText(argument) };
}

/** `const { S3Client } = require('@aws-sdk/client-s3')` or `const s3 = require(…)`. */
function bindRequire(id: SyntaxNode, sdkPackage: string, bindings: Map<string, SdkBinding>, declarations: Set<SyntaxNode>): void {
  if (id.type === 'Identifier') {
    declarations.add(id);
    bindings.set(id.name, { sdkPackage, exported: '*' });
    return;
  }
  if (id.type !== 'ObjectPattern') {
    return;
  }
  for (const property of id.properties as SyntaxNode[]) {
    const exported = property.type === 'ObjectProperty' && !property.computed ? nameOf(property.key) : undefined;
    const local = property.value?.type === 'AssignmentPattern' ? property.value.left : property.value;
    if (exported !== undefined && local?.type === 'Identifier') {
      declarations.add(local);
      if (property.key !== local) {
        declarations.add(property.key);
      }
      bindings.set(local.name, { sdkPackage, exported });
    }
  }
}

/** The SDK export an expression refers to: `GetCommand`, `s3.GetObjectCommand`, `s3` itself. */
function sdkReference(node: SyntaxNode | undefined, bindings: Map<string, SdkBinding>, declarations: Set<SyntaxNode>): SdkBinding | undefined {
  const unwrapped = unwrapExpression(node);
  if (unwrapped?.type === 'Identifier' && !declarations.has(unwrapped)) {
    return bindings.get(unwrapped.name);
  }
  if (unwrapped?.type === 'MemberExpression' && !unwrapped.computed && unwrapped.object.type === 'Identifier') {
    const namespace = bindings.get(unwrapped.object.name);
    const exported = nameOf(unwrapped.property);
    if (namespace?.exported === '*' && exported !== undefined) {
      return { sdkPackage: namespace.sdkPackage, exported };
    }
  }
  return undefined;
}

/** Functions that perform an operation when called, by package and export. */
const MODELED_FUNCTIONS: { readonly [packageAndExport: string]: string } = {
  'credential-providers:fromTemporaryCredentials': 'AssumeRole',
  'powertools-ssm:getParameter': 'GetParameter',
  'powertools-ssm:getParameters': 'GetParametersByPath',
  'powertools-ssm:getParametersByName': 'GetParameters',
  'powertools-ssm:setParameter': 'PutParameter',
  'powertools-secrets:getSecret': 'GetSecretValue',
  'powertools-appconfig:getAppConfig': 'GetAppConfig',
};

/** The operation an SDK export performs when referenced: a command, a paginator, `Upload`. */
function operationOf(binding: SdkBinding | undefined): string | undefined {
  if (binding === undefined) {
    return undefined;
  }
  const { sdkPackage, exported } = binding;
  const command = /^(.+)Command$/.exec(exported);
  if (command) {
    return command[1];
  }
  const paginator = /^paginate(.+)$/.exec(exported);
  if (paginator) {
    return paginator[1];
  }
  const waiter = /^waitUntil(.+)$/.exec(exported);
  if (waiter) {
    return `waitUntil${waiter[1]}`;
  }
  const modeled = MODELED_FUNCTIONS[`${sdkPackage}:${exported}`];
  if (modeled !== undefined) {
    return modeled;
  }
  if (sdkPackage === 'lib-storage' && exported === 'Upload') {
    return 'Upload';
  }
  if (sdkPackage === 's3-presigned-post' && exported === 'createPresignedPost') {
    return 'PresignedPost';
  }
  return undefined;
}

/**
 * Whether an expression makes an SDK client: `'client'` for `new S3Client()` or
 * `DynamoDBDocumentClient.from(…)`, `'aggregated'` for the clients whose methods are the
 * operations (`new S3()`, `DynamoDBDocument.from(…)`).
 */
function clientKind(node: SyntaxNode | undefined, sdkOf: SdkLookup): 'client' | 'aggregated' | undefined {
  const value = unwrapExpression(node);
  let binding: SdkBinding | undefined;
  if (value?.type === 'NewExpression') {
    binding = sdkOf(value.callee);
  } else if (value?.type === 'CallExpression' && value.callee.type === 'MemberExpression' && nameOf(value.callee.property) === 'from') {
    binding = sdkOf(value.callee.object);
  }
  const exported = binding?.exported;
  const madeByAClientPackage = binding !== undefined && (binding.sdkPackage.startsWith('client-') || binding.sdkPackage === 'lib-dynamodb');
  if (!madeByAClientPackage || exported === undefined || exported === '*' || operationOf(binding) !== undefined
    || /(Exception|Error)$/.test(exported) || !/^[A-Z]/.test(exported)) {
    return undefined;
  }
  return /Client$/.test(exported) ? 'client' : 'aggregated';
}

function madeBy(node: SyntaxNode | undefined, sdkOf: SdkLookup): string | undefined {
  const value = unwrapExpression(node);
  if (value?.type === 'NewExpression') {
    return sdkOf(value.callee)?.sdkPackage;
  }
  if (value?.type === 'CallExpression' && value.callee.type === 'MemberExpression') {
    return sdkOf(value.callee.object)?.sdkPackage;
  }
  return undefined;
}

/** A name given a value: `const x = v`, `x = v`, `this.x = v`, a class field `x = v`. */
function assignedName(node: SyntaxNode): { readonly name: string; readonly value: SyntaxNode | undefined } | undefined {
  if (node.type === 'VariableDeclarator' && node.id.type === 'Identifier') {
    return { name: node.id.name, value: node.init };
  }
  if (node.type === 'AssignmentExpression') {
    const name = receiverName(node.left);
    return name === undefined ? undefined : { name, value: node.right };
  }
  if ((node.type === 'ClassProperty' || node.type === 'PropertyDefinition') && !node.computed) {
    const name = nameOf(node.key);
    return name === undefined ? undefined : { name, value: node.value };
  }
  return undefined;
}

/** The name an expression is held under: `s3` in `s3`, `this.s3` or `deps.s3`. */
function receiverName(node: SyntaxNode | undefined): string | undefined {
  const value = unwrapExpression(node);
  if (value?.type === 'Identifier') {
    return value.name;
  }
  if (value?.type === 'MemberExpression' && !value.computed) {
    return nameOf(value.property);
  }
  return undefined;
}

/** Whether the argument of `send` is a command the analysis has seen being made. */
function isTraceableCommand(argument: SyntaxNode | undefined, sdkOf: SdkLookup, commandVariables: Set<string>): boolean {
  const value = unwrapExpression(argument);
  if (value?.type === 'NewExpression') {
    return operationOf(sdkOf(value.callee)) !== undefined;
  }
  return value?.type === 'Identifier' && commandVariables.has(value.name);
}

/** Whether an identifier is a use of a name, not a declaration, a property name or a type. */
function isReference(node: SyntaxNode, parent: SyntaxNode | undefined, key: string, declarations: Set<SyntaxNode>): boolean {
  if (declarations.has(node) || parent === undefined) {
    return false;
  }
  if (parent.type.startsWith('TS') || parent.type.startsWith('Import') || parent.type.startsWith('Export')) {
    return false;
  }
  if (key === 'property' && (parent.type === 'MemberExpression' || parent.type === 'OptionalMemberExpression') && !parent.computed) {
    return false;
  }
  if (key === 'object' && (parent.type === 'MemberExpression' || parent.type === 'OptionalMemberExpression')) {
    return false;
  }
  if (key === 'key' && !parent.computed && ['ObjectProperty', 'ObjectMethod', 'ClassProperty', 'ClassMethod', 'PropertyDefinition'].includes(parent.type)) {
    return false;
  }
  return true;
}

/** Strips what does not change a value: `x!`, `x as T`, `(x)`, `await x`. */
function unwrapExpression(node: SyntaxNode | null | undefined): SyntaxNode | undefined {
  let current = node ?? undefined;
  while (current !== undefined && ['TSNonNullExpression', 'TSAsExpression', 'TSSatisfiesExpression', 'TSTypeAssertion', 'ParenthesizedExpression', 'AwaitExpression'].includes(current.type)) {
    current = current.expression ?? current.argument ?? undefined;
  }
  return current;
}

/** `process.env.NAME`, `process.env['NAME']`, with `!`, `?? default` or `|| default` around it. */
function environmentVariableOf(node: SyntaxNode | undefined): string | undefined {
  let value = unwrapExpression(node);
  if (value?.type === 'LogicalExpression') {
    value = unwrapExpression(value.left);
  }
  if ((value?.type === 'MemberExpression' || value?.type === 'OptionalMemberExpression')
    && value.object.type === 'MemberExpression' && !value.object.computed
    && value.object.object.type === 'Identifier' && value.object.object.name === 'process'
    && nameOf(value.object.property) === 'env') {
    return value.computed ? literalText(value.property) : nameOf(value.property);
  }
  return undefined;
}

function environmentVariablesIn(input: SyntaxNode | undefined, constants: Map<string, string>): string[] {
  if (input === undefined) {
    return [];
  }
  const found = new Set<string>();
  walk(input, node => {
    const direct = environmentVariableOf(node);
    if (direct !== undefined) {
      found.add(direct);
    } else if (node.type === 'Identifier' && constants.has(node.name)) {
      found.add(constants.get(node.name)!);
    }
  });
  return [...found];
}

/** The item kinds of a literal `TransactItems`, the verb of a literal PartiQL `Statement`. */
function qualifiersOf(operation: string, input: SyntaxNode | undefined): string[] {
  if (input?.type !== 'ObjectExpression') {
    return [];
  }
  const property = (object: SyntaxNode, name: string) => (object.properties as SyntaxNode[])
    .find(candidate => candidate.type === 'ObjectProperty' && nameOf(candidate.key) === name)?.value as SyntaxNode | undefined;
  if (operation === 'TransactWrite' || operation === 'TransactWriteItems') {
    const items = property(input, 'TransactItems');
    if (items?.type !== 'ArrayExpression') {
      return [];
    }
    return [...new Set((items.elements as SyntaxNode[])
      .flatMap(item => item?.type === 'ObjectExpression' ? (item.properties as SyntaxNode[]).map(entry => nameOf(entry.key)) : [undefined])
      .map(kind => kind ?? '?'))];
  }
  if (operation === 'ExecuteStatement') {
    const statement = literalText(property(input, 'Statement'));
    const verb = statement?.trim().split(/\s+/)[0]?.toUpperCase();
    return verb === undefined ? [] : [verb];
  }
  return [];
}

/**
 * The packages whose calls the analysis models, by the name it gives them: the SDK v3
 * (`@aws-sdk/client-s3` → `client-s3`) and Powertools for AWS Lambda's parameter utilities.
 */
function modeledPackageOf(source: string): string | undefined {
  if (source.startsWith(SDK_PREFIX)) {
    return source.slice(SDK_PREFIX.length);
  }
  const powertools = /^@aws-lambda-powertools\/parameters\/(ssm|secrets|appconfig)$/.exec(source);
  return powertools ? `powertools-${powertools[1]}` : undefined;
}

/**
 * Libraries that call AWS on the code's behalf in ways the analysis does not model: their
 * calls are unknown, so what the function uses is not judged complete.
 */
const UNMODELED_AWS_LIBRARIES: { readonly [name: string]: string } = {
  'aws-sdk': 'the AWS SDK for JavaScript v2',
  'dynamoose': 'dynamoose',
  'electrodb': 'ElectroDB',
  '@aws-lambda-powertools/idempotency': 'Powertools idempotency',
  '@aws-lambda-powertools/parameters/dynamodb': 'the Powertools DynamoDB provider',
  '@aws-crypto/client-node': 'the AWS Encryption SDK',
  '@middy/secrets-manager': 'middy\'s secrets-manager middleware',
  '@middy/ssm': 'middy\'s ssm middleware',
  '@middy/sqs-partial-batch-failure': 'middy\'s SQS batch middleware',
};

function unmodeledAwsLibrary(source: string): string | undefined {
  const name = Object.keys(UNMODELED_AWS_LIBRARIES).find(library => source === library || source.startsWith(`${library}/`));
  return name === undefined ? undefined : `calls AWS through ${UNMODELED_AWS_LIBRARIES[name]} ('${source}'), which the analysis does not model`;
}

/** What an imported name of a local module is, from what that module exports. */
function exportedBy(exports: ModuleExports, name: string): ExportedValue | undefined {
  const named = exports.named.get(name);
  if (named !== undefined) {
    return named;
  }
  return exports.star.length > 0 ? { kind: 'sdk', binding: { sdkPackage: exports.star[0], exported: name } } : undefined;
}

/**
 * What a module exports that its importers' analysis needs: SDK exports it re-exports
 * (`export { GetCommand } from '@aws-sdk/lib-dynamodb'`, `export * from …`), and the clients
 * it makes and exports (`export const db = DynamoDBDocument.from(…)`).
 */
function exportsOfModule(
  program: SyntaxNode,
  importsOf: (specifier: string) => ModuleExports | undefined,
  bindings: ReadonlyMap<string, SdkBinding>,
  aggregatedClients: ReadonlyMap<string, string>,
  clients: ReadonlySet<string>,
): ModuleExports {
  const named = new Map<string, ExportedValue>();
  const star: string[] = [];
  const ownValue = (name: string): ExportedValue | undefined => {
    const binding = bindings.get(name);
    if (binding !== undefined) {
      return { kind: 'sdk', binding };
    }
    const aggregated = aggregatedClients.get(name);
    if (aggregated !== undefined && aggregated !== '') {
      return { kind: 'aggregated', sdkPackage: aggregated };
    }
    return clients.has(name) ? { kind: 'client' } : undefined;
  };
  for (const statement of program.body as SyntaxNode[]) {
    if (statement.exportKind === 'type') {
      continue;
    }
    const source = literalText(statement.source);
    const sdkPackage = source === undefined ? undefined : modeledPackageOf(source);
    const local = source?.startsWith('.') ? importsOf(source) : undefined;
    if (statement.type === 'ExportAllDeclaration') {
      if (sdkPackage !== undefined) {
        star.push(sdkPackage);
      } else if (local !== undefined) {
        local.named.forEach((value, name) => named.set(name, value));
        star.push(...local.star);
      }
      continue;
    }
    if (statement.type !== 'ExportNamedDeclaration') {
      continue;
    }
    for (const specifier of (statement.specifiers ?? []) as SyntaxNode[]) {
      const exported = nameOf(specifier.exported);
      const inner = nameOf(specifier.local);
      if (exported === undefined || inner === undefined || specifier.type !== 'ExportSpecifier') {
        continue;
      }
      const value = sdkPackage !== undefined ? { kind: 'sdk' as const, binding: { sdkPackage, exported: inner } }
        : local !== undefined ? exportedBy(local, inner)
          : source === undefined ? ownValue(inner) : undefined;
      if (value !== undefined) {
        named.set(exported, value);
      }
    }
    const declaration = statement.declaration;
    if (declaration?.type === 'VariableDeclaration') {
      for (const declarator of declaration.declarations as SyntaxNode[]) {
        const value = declarator.id.type === 'Identifier' ? ownValue(declarator.id.name) : undefined;
        if (value !== undefined) {
          named.set(declarator.id.name, value);
        }
      }
    }
  }
  return { named, star };
}
