/**
 * Pagination detection against hand-labelled operations of real APIs (the dev corpus), through the
 * real loader and normalizer. Each row is what the API really does, read from the spec and the
 * vendor's documentation; `missed` marks the ones detection leaves alone on purpose or cannot see
 * (precision over recall: an operation the client cannot iterate correctly is not paginated).
 * Precision = right descriptors / all descriptors; recall = right descriptors / paginated rows.
 */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { PaginationSpec } from '../../../runtime/pagination/strategy.js';
import type * as ir from '../../../src/ir/index.js';
import { loadSpec } from '../../../src/load/index.js';
import { normalizeDocument } from '../../../src/normalize/index.js';
import { corpusDir } from '../../support/paths.js';

interface Row {
  spec: string;
  route: string;
  /** What the API does; `none`: not a paginated list. */
  truth: PaginationSpec | 'none';
  /** Why detection does not find it (then it must find nothing, never a wrong guess). */
  missed?: string;
}

const linkHeader = (itemsPath: string[] = []): PaginationSpec => ({ style: 'linkHeader', itemsPath });
const offset = (offsetParam: string, limitParam: string, itemsPath: string[]): PaginationSpec => ({
  style: 'offset',
  offsetParam,
  limitParam,
  itemsPath,
});
const page = (pageParam: string, sizeParam: string, itemsPath: string[]): PaginationSpec => ({
  style: 'page',
  pageParam,
  sizeParam,
  itemsPath,
});
const nextUrl = (nextUrlPath: string[], itemsPath: string[]): PaginationSpec => ({ style: 'nextUrl', nextUrlPath, itemsPath });
const cursor = (cursorParam: string, nextCursorPath: string[], itemsPath: string[], hasMorePath?: string[]): PaginationSpec => ({
  style: 'cursor',
  cursorParam,
  nextCursorPath,
  ...(hasMorePath ? { hasMorePath } : {}),
  itemsPath,
});

const rows: Row[] = [
  // GitHub: Link headers (page numbers or cursors inside them).
  { spec: 'github-api.json', route: 'GET /repos/{owner}/{repo}/issues', truth: linkHeader() },
  { spec: 'github-api.json', route: 'GET /repos/{owner}/{repo}/actions/runs', truth: linkHeader(['workflow_runs']) },
  { spec: 'github-api.json', route: 'GET /search/repositories', truth: page('page', 'per_page', ['items']) },
  { spec: 'github-api.json', route: 'GET /repos/{owner}/{repo}', truth: 'none' },
  { spec: 'github-api.json', route: 'POST /repos/{owner}/{repo}/issues', truth: 'none' },
  {
    spec: 'github-api.json',
    route: 'GET /repos/{owner}/{repo}/hooks/{hook_id}/deliveries',
    truth: linkHeader(),
    missed: 'the Link header is not declared; the `cursor` param has no response field',
  },
  // Slack: cursor in response_metadata.
  {
    spec: 'slack-web-api.json',
    route: 'GET /conversations.list',
    truth: cursor('cursor', ['response_metadata', 'next_cursor'], ['channels']),
  },
  { spec: 'slack-web-api.json', route: 'GET /conversations.info', truth: 'none' },
  {
    spec: 'slack-web-api.json',
    route: 'GET /users.list',
    truth: cursor('cursor', ['response_metadata', 'next_cursor'], ['members']),
    missed: '`response_metadata` is documented as a free-form value',
  },
  {
    spec: 'slack-web-api.json',
    route: 'GET /files.list',
    truth: page('page', 'count', ['files']),
    missed: '`page` and `count` are typed string without a numeric default',
  },
  // Airflow: offset + limit.
  { spec: 'airflow.json', route: 'GET /dags', truth: offset('offset', 'limit', ['dags']) },
  { spec: 'airflow.json', route: 'GET /eventLogs', truth: offset('offset', 'limit', ['event_logs']) },
  { spec: 'airflow.json', route: 'GET /dags/{dag_id}', truth: 'none' },
  // Spotify: next URLs, and an `after` cursor.
  { spec: 'spotify.json', route: 'GET /me/tracks', truth: nextUrl(['next'], ['items']) },
  { spec: 'spotify.json', route: 'GET /browse/new-releases', truth: nextUrl(['albums', 'next'], ['albums', 'items']) },
  {
    spec: 'spotify.json',
    route: 'GET /me/following',
    truth: cursor('after', ['artists', 'cursors', 'after'], ['artists', 'items']),
  },
  // `after` is a timestamp there; the `next` URL pages backwards correctly.
  { spec: 'spotify.json', route: 'GET /me/player/recently-played', truth: nextUrl(['next'], ['items']) },
  { spec: 'spotify.json', route: 'GET /tracks/{id}', truth: 'none' },
  { spec: 'spotify.json', route: 'GET /search', truth: 'none' },
  // OpenAI: `after` + `last_id`/`has_more`, and a `page` token.
  { spec: 'openai.yaml', route: 'GET /files', truth: cursor('after', ['last_id'], ['data'], ['has_more']) },
  { spec: 'openai.yaml', route: 'GET /vector_stores', truth: cursor('after', ['last_id'], ['data'], ['has_more']) },
  {
    spec: 'openai.yaml',
    route: 'GET /organization/usage/completions',
    truth: cursor('page', ['next_page'], ['data'], ['has_more']),
  },
  { spec: 'openai.yaml', route: 'GET /fine_tuning/jobs', truth: cursor('after', ['$lastItem', 'id'], ['data'], ['has_more']) },
  { spec: 'openai.yaml', route: 'GET /models', truth: 'none' },
  // Box: offset by default (markers only with `usemarker=true`).
  { spec: 'box.json', route: 'GET /folders/{folder_id}/items', truth: offset('offset', 'limit', ['entries']) },
  { spec: 'box.json', route: 'GET /files/{file_id}/versions', truth: offset('offset', 'limit', ['entries']) },
  { spec: 'box.json', route: 'GET /events', truth: 'none' },
  { spec: 'box.json', route: 'GET /files/{file_id}', truth: 'none' },
  // Twilio: next_page_uri.
  {
    spec: 'twilio-api-v2010.json',
    route: 'GET /2010-04-01/Accounts/{AccountSid}/Messages.json',
    truth: nextUrl(['next_page_uri'], ['messages']),
  },
  { spec: 'twilio-api-v2010.json', route: 'GET /2010-04-01/Accounts.json', truth: nextUrl(['next_page_uri'], ['accounts']) },
  { spec: 'twilio-api-v2010.json', route: 'GET /2010-04-01/Accounts/{AccountSid}/Calls/{Sid}.json', truth: 'none' },
  // Jira: startAt + maxResults.
  { spec: 'jira.json', route: 'GET /rest/api/3/project/search', truth: offset('startAt', 'maxResults', ['values']) },
  { spec: 'jira.json', route: 'GET /rest/api/3/search', truth: offset('startAt', 'maxResults', ['issues']) },
  { spec: 'jira.json', route: 'GET /rest/api/3/myself', truth: 'none' },
  // Keycloak: first + max.
  { spec: 'keycloak.json', route: 'GET /{realm}/users', truth: offset('first', 'max', []) },
  { spec: 'keycloak.json', route: 'GET /{realm}/groups', truth: offset('first', 'max', []) },
  // Linode and Mux: page numbers.
  { spec: 'linode.json', route: 'GET /linode/instances', truth: page('page', 'page_size', ['data']) },
  { spec: 'linode.json', route: 'GET /linode/instances/{linodeId}', truth: 'none' },
  { spec: 'mux.json', route: 'GET /video/v1/assets', truth: page('page', 'limit', ['data']) },
  { spec: 'mux.json', route: 'GET /video/v1/assets/{ASSET_ID}', truth: 'none' },
  // Xero: page + pageSize beside a Warnings array.
  { spec: 'xero-accounting.yaml', route: 'GET /Invoices', truth: page('page', 'pageSize', ['Invoices']) },
  { spec: 'xero-accounting.yaml', route: 'GET /Contacts', truth: page('page', 'pageSize', ['Contacts']) },
  // Discord: snowflake cursors taken from the last item, which the spec does not say.
  {
    spec: 'discord.json',
    route: 'GET /guilds/{guild_id}/members',
    truth: cursor('after', ['$lastItem', 'user', 'id'], []),
    missed: '`after` is the last member’s user id; nothing in the spec links them',
  },
  { spec: 'discord.json', route: 'GET /guilds/{guild_id}', truth: 'none' },
  // Docker: lists without paging.
  { spec: 'docker-engine.yaml', route: 'GET /containers/json', truth: 'none' },
  { spec: 'docker-engine.yaml', route: 'GET /images/json', truth: 'none' },
];

const detected = new Map<string, PaginationSpec | undefined>();

async function operationsOf(spec: string): Promise<ir.Operation[]> {
  const loaded = await loadSpec(path.join(corpusDir, spec), { allowRemoteRefs: false });
  const { document } = normalizeDocument({ document: loaded.document, version: loaded.version, file: loaded.file });
  return document.operations;
}

beforeAll(async () => {
  for (const spec of [...new Set(rows.map((row) => row.spec))]) {
    const operations = await operationsOf(spec);
    for (const row of rows.filter((r) => r.spec === spec)) {
      const operation = operations.find((op) => `${op.method} ${op.path}` === row.route);
      if (!operation) throw new Error(`${spec}: no ${row.route}`);
      detected.set(`${spec} ${row.route}`, operation.pagination);
    }
  }
}, 300_000);

describe('pagination detection on hand-labelled operations of real APIs', () => {
  it('covers at least eight APIs of different styles', () => {
    expect(new Set(rows.map((row) => row.spec)).size).toBeGreaterThanOrEqual(8);
    const styles = new Set(rows.flatMap((row) => (row.truth === 'none' ? [] : [row.truth.style])));
    expect([...styles].sort()).toEqual(['cursor', 'linkHeader', 'nextUrl', 'offset', 'page']);
  });

  it.each(rows.map((row) => [`${row.spec} ${row.route}`, row] as const))('%s', (key, row) => {
    const found = detected.get(key);
    if (row.truth === 'none' || row.missed !== undefined) expect(found).toBeUndefined();
    else expect(found).toEqual(row.truth);
  });

  it('reports precision and recall, never a wrong guess', () => {
    let right = 0;
    let wrong = 0;
    let paginated = 0;
    for (const row of rows) {
      const found = detected.get(`${row.spec} ${row.route}`);
      if (row.truth !== 'none') paginated++;
      if (found === undefined) continue;
      if (row.truth !== 'none' && JSON.stringify(found) === JSON.stringify(row.truth)) right++;
      else wrong++;
    }
    const precision = right / (right + wrong);
    const recall = right / paginated;
    console.log(
      `pagination on ${rows.length} labelled operations of ${new Set(rows.map((r) => r.spec)).size} APIs: ` +
        `precision ${precision.toFixed(3)} (${right}/${right + wrong}), recall ${recall.toFixed(3)} (${right}/${paginated})`,
    );
    expect(precision).toBe(1);
    expect(recall).toBeGreaterThan(0.8);
  });
});
