/**
 * The main job: synthesizes the example app (examples/orders-app.ts) into examples/cdk.out, runs
 * `cdk-secure-serverless check` on both stacks (the secure one must pass, the insecure one must
 * fail with readable findings) and prints `cdk-secure-serverless report` for the secure one.
 * Run it with `npm run example`; it needs no AWS account and no Docker. It exits 0 when both
 * checks come out as they should.
 */
import * as path from 'path';
import { ordersApp } from './orders-app';
import { run } from '../src/cli/run';

const outdir = path.join(__dirname, 'cdk.out');
ordersApp(outdir).synth();

const io = { stdout: (text: string) => process.stdout.write(text), stderr: (text: string) => process.stderr.write(text), cwd: process.cwd() };
const template = (stack: string) => path.relative(process.cwd(), path.join(outdir, `${stack}.template.json`));
const heading = (text: string) => process.stdout.write(`\n${'='.repeat(100)}\n${text}\n${'='.repeat(100)}\n`);

heading('$ cdk-secure-serverless check OrdersSecure');
const secure = run(['check', template('OrdersSecure')], io);

heading('$ cdk-secure-serverless check OrdersInsecure');
const insecure = run(['check', template('OrdersInsecure')], io);

heading('$ cdk-secure-serverless report OrdersSecure');
const report = run(['report', template('OrdersSecure')], io);

const expected = secure === 0 && insecure === 1 && report === 0;
process.stdout.write(`\nSecure stack: ${secure === 0 ? 'PASS' : 'FAIL'} (exit ${secure}). Insecure stack: ${insecure === 1 ? 'FAIL, as it should' : 'unexpected'} (exit ${insecure}). Report: exit ${report}.\n`);
process.stdout.write(expected ? 'Result: as expected\n' : 'Result: NOT as expected\n');
process.exitCode = expected ? 0 : 1;
