/**
 * The main job: synthesizes the example app (examples/orders-app.ts) into examples/cdk.out, runs
 * `cdk-secure-serverless check` on both stacks (the secure one must pass, the insecure one must
 * fail with readable findings) and prints `cdk-secure-serverless report` for the secure one.
 * Then it synthesizes the second example, an app in the layout of `cdk init`
 * (examples/cdk-init-app), as `cdk synth` runs it (its cdk.json's app command and context, with
 * AwsSolutions and our pack as validation plugins), into examples/cdk-init-app/cdk.out, and checks
 * its template. Run it with `npm run example`; it needs no AWS account and no Docker. It exits 0
 * when every check comes out as it should.
 */
import * as path from 'path';
import { synthCdkApp } from './cdk-app';
import { ordersApp } from './orders-app';
import { run } from '../src/cli/run';

const outdir = path.join(__dirname, 'cdk.out');
ordersApp(outdir).synth();

const io = { stdout: (text: string) => process.stdout.write(text), stderr: (text: string) => process.stderr.write(text), cwd: process.cwd() };
const template = (stack: string, dir = outdir) => path.relative(process.cwd(), path.join(dir, `${stack}.template.json`));
const heading = (text: string) => process.stdout.write(`\n${'='.repeat(100)}\n${text}\n${'='.repeat(100)}\n`);

heading('$ cdk-secure-serverless check OrdersSecure');
const secure = run(['check', template('OrdersSecure')], io);

heading('$ cdk-secure-serverless check OrdersInsecure');
const insecure = run(['check', template('OrdersInsecure')], io);

heading('$ cdk-secure-serverless report OrdersSecure');
const report = run(['report', template('OrdersSecure')], io);

heading('$ cd examples/cdk-init-app && cdk synth && cdk-secure-serverless check CdkInitAppStack');
const initApp = path.join(__dirname, 'cdk-init-app');
const initOutdir = path.join(initApp, 'cdk.out');
const synth = synthCdkApp(initApp, initOutdir);
process.stdout.write(synth.stdout);
process.stderr.write(synth.stderr);
const initCheck = synth.status === 0 ? run(['check', template('CdkInitAppStack', initOutdir)], io) : undefined;

const expected = secure === 0 && insecure === 1 && report === 0 && synth.status === 0 && initCheck === 0;
process.stdout.write(`\nSecure stack: ${secure === 0 ? 'PASS' : 'FAIL'} (exit ${secure}). Insecure stack: ${insecure === 1 ? 'FAIL, as it should' : 'unexpected'} (exit ${insecure}). Report: exit ${report}.\n`);
process.stdout.write(`cdk init app: synth exit ${synth.status}, check ${initCheck === 0 ? 'PASS' : 'FAIL'} (exit ${initCheck ?? 'not run'}).\n`);
process.stdout.write(expected ? 'Result: as expected\n' : 'Result: NOT as expected\n');
process.exitCode = expected ? 0 : 1;
