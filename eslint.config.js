// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'coverage/**',
      '.tmp/**',
      'examples/**',
      'test/**/__generated__/**',
      // Issue 14: code samples a fixture spec $refs (data for the loader, not project code).
      'fixtures/**/samples/**',
      'test/**/__snapshots__/**',
      'bench/out/**',
      'bin/**',
      // npm packages fetched by tests and the sweep (bench/npm-pack-cache.mjs)
      '.cache/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: {
          allowDefaultProject: ['*.js', 'bench/*.mjs', 'scripts/*.mjs'],
          // One bench script per concern (generate, runtime, profile, size, store, …) outgrew the default 8.
          maximumDefaultProjectFileMatchCount_THIS_WILL_SLOW_DOWN_LINTING: 16,
        },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      // No type-aware parsing for plain scripts (kept from disableTypeChecked): the default project caps them at 8 files.
      ...tseslint.configs.disableTypeChecked.languageOptions,
      // Plain Node scripts (bench, test children): the Node and web globals they use.
      globals: Object.fromEntries(
        [
          'process',
          'console',
          'URL',
          'fetch',
          'setTimeout',
          'clearTimeout',
          'Buffer',
          'performance',
          'AbortController',
          'Response',
          'Headers',
        ].map((name) => [name, 'readonly']),
      ),
    },
  },
  {
    files: ['test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/unbound-method': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    // The runtime's per-call path. On V8 11 (Node 20) an object literal that spreads an object and
    // then adds properties (`{ ...ctx, attempt }`) costs ~2-3 µs per added property, each one a fresh
    // hidden-class transition: write the fields out, or assign after (docs/DESIGN-NOTES.md).
    files: ['runtime/{client,transport,resilience,request,observe,validate}/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: 'ObjectExpression > SpreadElement ~ Property',
          message: 'A spread followed by properties is slow on Node 20 (V8 11): write the fields out or assign them after.',
        },
      ],
    },
  },
  {
    // No import cycles in the generator or the runtime: a cycle hides which module owns a rule.
    files: ['src/**/*.ts', 'runtime/**/*.ts'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/extensions': ['.ts', '.js'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.js'], extensionAlias: { '.js': ['.ts', '.js'] } })],
    },
    rules: {
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
    },
  },
);
