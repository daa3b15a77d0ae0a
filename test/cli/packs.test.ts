import * as nag from 'cdk-nag';
import { NAG_PACKS, selectPacks } from '../../src/cli/packs';

describe('NAG_PACKS', () => {
  test.each([
    ['AwsSolutions', nag.AwsSolutionsChecks],
    ['HIPAA.Security', nag.HIPAASecurityChecks],
    ['NIST.800.53.R4', nag.NIST80053R4Checks],
    ['NIST.800.53.R5', nag.NIST80053R5Checks],
    ['PCI.DSS.321', nag.PCIDSS321Checks],
    ['Serverless', nag.ServerlessChecks],
  ])('--pack %s loads cdk-nag\'s own pack of that name', (name, packClass) => {
    const pack = NAG_PACKS.find(choice => choice.name === name)!.create();
    expect(pack).toBeInstanceOf(packClass);
    expect(pack.readPackName).toBe(name);
  });

  test('selectPacks puts ours first and loads each named pack once', () => {
    expect(selectPacks(['hipaa,AwsSolutions', 'aws-solutions']).map(pack => pack.readPackName)).toEqual(['SecureServerless', 'HIPAA.Security', 'AwsSolutions']);
  });
});
