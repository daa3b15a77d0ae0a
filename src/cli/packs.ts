import { AwsSolutionsChecks, HIPAASecurityChecks, NagPack, NIST80053R4Checks, NIST80053R5Checks, PCIDSS321Checks, ServerlessChecks } from 'cdk-nag';
import { inputError } from './cli-error';
import { ServerlessSecurityChecks } from '../checks/serverless-security-checks';

/** A cdk-nag pack the CLI can add to the run with `--pack`. */
export interface PackChoice {
  /** The name to pass to `--pack`, as the rule ids spell it. */
  readonly name: string;
  /** Other spellings `--pack` accepts (compared case-insensitively, ignoring `-`, `_`, `.` and spaces). */
  readonly aliases: readonly string[];
  readonly create: () => NagPack;
}

/** The six cdk-nag packs, in the order `--help` lists them. */
export const NAG_PACKS: readonly PackChoice[] = [
  { name: 'AwsSolutions', aliases: ['aws-solutions'], create: () => new AwsSolutionsChecks() },
  { name: 'HIPAA.Security', aliases: ['hipaa'], create: () => new HIPAASecurityChecks() },
  { name: 'NIST.800.53.R4', aliases: ['nist-800-53-r4', 'nist-r4'], create: () => new NIST80053R4Checks() },
  { name: 'NIST.800.53.R5', aliases: ['nist-800-53-r5', 'nist-r5'], create: () => new NIST80053R5Checks() },
  { name: 'PCI.DSS.321', aliases: ['pci', 'pci-dss'], create: () => new PCIDSS321Checks() },
  { name: 'Serverless', aliases: ['serverless'], create: () => new ServerlessChecks() },
];

function normalize(name: string): string {
  return name.toLowerCase().replace(/[-_.\s]/g, '');
}

/**
 * The packs of a run: always our own `ServerlessSecurityChecks` first, then the cdk-nag packs
 * named by `--pack` (repeatable, or comma-separated), each once.
 */
export function selectPacks(requested: readonly string[]): NagPack[] {
  const chosen: PackChoice[] = [];
  for (const name of requested.flatMap(value => value.split(',')).map(value => value.trim()).filter(value => value.length > 0)) {
    const choice = NAG_PACKS.find(pack => [pack.name, ...pack.aliases].some(candidate => normalize(candidate) === normalize(name)));
    if (!choice) {
      throw inputError(`unknown pack '${name}': choose from ${NAG_PACKS.map(pack => pack.name).join(', ')}`);
    }
    if (!chosen.includes(choice)) {
      chosen.push(choice);
    }
  }
  return [new ServerlessSecurityChecks(), ...chosen.map(choice => choice.create())];
}
