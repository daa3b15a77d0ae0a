import { NagPack } from 'cdk-nag/lib/nag-pack';
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

/**
 * Loads one of cdk-nag's packs only when `--pack` names it: `require('cdk-nag')` loads all six packs
 * and every aws-cdk-lib module their rules import, a fifth of the command's wall time.
 */
function loadPack(file: string, className: string): NagPack {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const packClass: new () => NagPack = require(`cdk-nag/lib/packs/${file}`)[className];
  return new packClass();
}

/** The six cdk-nag packs, in the order `--help` lists them. */
export const NAG_PACKS: readonly PackChoice[] = [
  { name: 'AwsSolutions', aliases: ['aws-solutions'], create: () => loadPack('aws-solutions', 'AwsSolutionsChecks') },
  { name: 'HIPAA.Security', aliases: ['hipaa'], create: () => loadPack('hipaa-security', 'HIPAASecurityChecks') },
  { name: 'NIST.800.53.R4', aliases: ['nist-800-53-r4', 'nist-r4'], create: () => loadPack('nist-800-53-r4', 'NIST80053R4Checks') },
  { name: 'NIST.800.53.R5', aliases: ['nist-800-53-r5', 'nist-r5'], create: () => loadPack('nist-800-53-r5', 'NIST80053R5Checks') },
  { name: 'PCI.DSS.321', aliases: ['pci', 'pci-dss'], create: () => loadPack('pci-dss-321', 'PCIDSS321Checks') },
  { name: 'Serverless', aliases: ['serverless'], create: () => loadPack('serverless', 'ServerlessChecks') },
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
