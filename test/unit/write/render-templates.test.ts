import { describe, expect, it } from 'vitest';
import { createTemplateEngine, renderTemplates, type TemplateData } from '../../../src/write/render-templates.js';
import { escapeMarkdownInline, quoteShellArgument, toCodeText, toModulePath } from '../../../src/write/template-helpers.js';

const petstore: TemplateData = {
  apiTitle: 'Petstore',
  apiVersion: '1.0.0',
  specFile: 'specs/petstore.yaml',
  generatorVersion: '0.1.0',
  clientName: 'petstore',
  outDir: 'src/client',
  envVars: [{ name: 'PETSTORE_API_KEY', scheme: 'apiKey', description: 'API key sent in the X-API-Key header' }],
  tags: [
    {
      name: 'pets',
      operations: [
        { name: 'listPets', method: 'GET', path: '/pets', summary: 'List all pets' },
        { name: 'getPetById', method: 'GET', path: '/pets/{petId}' },
      ],
    },
    { name: '', operations: [{ name: 'health', method: 'GET', path: '/health', summary: 'Health check' }] },
  ],
  streams: [],
};

async function renderReadme(data: TemplateData): Promise<string> {
  const files = await renderTemplates(data);
  const readme = files.find((file) => file.path === 'README.md');
  if (!readme) throw new Error('README.md not rendered');
  return readme.content;
}

/** Fenced code blocks as [opening line, body lines] — a hostile value must not add or end one. */
function fences(markdown: string): string[] {
  return markdown.split('\n').filter((line) => line.startsWith('```'));
}

describe('renderTemplates', () => {
  it('lists stream companions with an example only when there are some', async () => {
    expect(await renderReadme(petstore)).not.toContain('…Stream');
    const readme = await renderReadme({
      ...petstore,
      streams: [{ call: 'chat.createCompletionStream', kind: 'server-sent events' }],
    });
    expect(readme).toContain('- `chat.createCompletionStream(params, options?)` — server-sent events');
    expect(readme).toContain('for await (const event of petstore.chat.createCompletionStream(params))');
    expect(readme).toContain('await call.all({ max: 1000 })');
  });

  it('renders README.md with usage, auth, operations and the regenerate command', async () => {
    const readme = await renderReadme(petstore);
    expect(readme.startsWith('# Petstore — TypeScript client\n')).toBe(true);
    expect(readme).toContain("import { createClient } from './src/client/index.js';\n\nconst petstore = createClient();");
    expect(readme).toContain('- `PETSTORE_API_KEY` — for `auth.apiKey`: API key sent in the X-API-Key header');
    expect(readme).toContain('### pets');
    expect(readme).toContain('- `petstore.pets.listPets(params?, options?)` — `GET /pets`: List all pets');
    expect(readme).toContain('- `petstore.pets.getPetById(params?, options?)` — `GET /pets/{petId}`\n');
    expect(readme).toContain('### Operations without a tag');
    expect(readme).toContain('- `petstore.health(params?, options?)`');
    expect(readme).toContain('npx apiwright generate specs/petstore.yaml --out src/client\n');
    expect(readme).toContain('RateLimitError');
    expect(readme).not.toMatch(/\n{3,}/);
    expect(readme.endsWith('\n')).toBe(true);
  });

  it('shows required params, .safe(), .pages(), per-call options and headers', async () => {
    const readme = await renderReadme({
      ...petstore,
      tags: [
        {
          name: 'pets',
          operations: [
            { name: 'getPetById', method: 'GET', path: '/pets/{petId}', paramsRequired: true },
            { name: 'listPets', method: 'GET', path: '/pets', paginated: true },
          ],
        },
      ],
    });
    expect(readme).toContain('- `petstore.pets.getPetById(params, options?)` — `GET /pets/{petId}`\n');
    expect(readme).toContain('- `petstore.pets.listPets(params?, options?)` — `GET /pets` (paginated)\n');
    expect(readme).toContain('const result = await petstore.pets.getPetById({ /* required parameters */ }).safe();');
    expect(readme).toContain("{ headers: { 'X-Trace': 'abc' }, timeoutMs: 5_000 }");
    expect(readme).toContain('for await (const page of petstore.pets.listPets().pages({ maxPages: 3 }))');
    expect(readme).toMatch(/`idempotencyKey`.*\n.*`signal`|`signal`[\s\S]*`idempotencyKey`/);
  });

  it('says no credentials are needed when there are no security schemes', async () => {
    expect(await renderReadme({ ...petstore, envVars: [] })).toContain('declares no security schemes');
  });

  it('is deterministic', async () => {
    expect(await renderReadme(petstore)).toBe(await renderReadme(structuredClone(petstore)));
  });

  it('keeps hostile spec text inside its context', async () => {
    const hostile = '`x`\n```\n# pwned */ <script>alert(1)</script> [link](javascript:alert(1)) | *b*';
    const readme = await renderReadme({
      ...petstore,
      apiTitle: hostile,
      apiVersion: hostile,
      specFile: "a`b\n```sh\nrm -rf ~ $(id) 'q'.yaml",
      clientName: 'x`\n```\nevil',
      envVars: [{ name: 'KEY`\n```', scheme: 'k`', description: hostile }],
      tags: [{ name: 'pets', operations: [{ name: 'list', method: 'GET', path: '/a`\n```\n/b', summary: hostile }] }],
    });
    // Exactly the template's own fences, as a benign spec renders them: hostile text adds or ends none.
    const own = fences(await renderReadme(petstore));
    expect(own.length).toBeGreaterThanOrEqual(4);
    expect(fences(readme)).toEqual(own);
    // The title stays on the heading line.
    const [heading, next] = readme.split('\n');
    expect(heading).toMatch(/^# /);
    expect(next).toBe('');
    expect(readme).not.toContain('<script>');
    expect(readme).not.toMatch(/[^\\]\]\(javascript/);
    expect(readme).toContain('API version \\`x\\` \\`\\`\\` \\# pwned');
    expect(readme).not.toMatch(/^# pwned/m);
    // The shell command quotes the spec file, so $(id) is not expanded when pasted.
    expect(readme).toContain("npx apiwright generate 'ab sh rm -rf ~ $(id) '\\''q'\\''.yaml' --out src/client");
  });
});

describe('template helpers', () => {
  it.each([
    ['*bold* _i_ `c`', '\\*bold\\* \\_i\\_ \\`c\\`'],
    ['a\nb\r\nc\u2028d', 'a b c d'],
    ['# heading', '\\# heading'],
    ['- item', '\\- item'],
    ['1. item', '1\\. item'],
    ['0.1.0', '0.1.0'],
    ['<b>|</b>', '\\<b\\>\\|\\</b\\>'],
    ['![img](x)', '\\!\\[img\\](x)'],
  ])('md escapes %j', (given, want) => {
    expect(escapeMarkdownInline(given)).toBe(want);
  });

  it.each([
    ['src/client', './src/client'],
    ['../client', '../client'],
    ["a'; evil; '\\b", './a; evil; b'],
  ])('modulePath makes %j an import path', (given, want) => {
    expect(toModulePath(given)).toBe(want);
  });

  it('code strips backticks and line breaks', () => {
    expect(toCodeText('a`b\n```\u2029c')).toBe('ab c');
  });

  it.each([
    ['specs/petstore.yaml', 'specs/petstore.yaml'],
    ['my spec.yaml', "'my spec.yaml'"],
    ["it's.yaml", "'it'\\''s.yaml'"],
    ['$(rm -rf ~).yaml', "'$(rm -rf ~).yaml'"],
  ])('shell quotes %j', (given, want) => {
    expect(quoteShellArgument(given)).toBe(want);
  });

  it('json escapes strings so the output stays valid JSON', () => {
    const engine = createTemplateEngine();
    const template = engine.compile('{ "name": {{json name}}, "tags": {{json tags}} }', { noEscape: true, strict: true });
    const name = 'a"b\\c\n\u2028</script>';
    const parsed = JSON.parse(template({ name, tags: ['x', 'y"'] })) as { name: string; tags: string[] };
    expect(parsed).toEqual({ name, tags: ['x', 'y"'] });
  });
});
