// Lint rules that keep the layering and naming habits of ../shared/CONVENTIONS.md.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import checkFile from 'eslint-plugin-check-file';
import globals from 'globals';

const NO_KNEX_IN_ROUTES = { name: 'knex', message: 'Routes must not use Knex; call a service.' };
const NO_EXPRESS = { name: 'express', message: 'Services and repositories never see req/res.' };
const ROUTE_PATTERNS = [
  { group: ['**/*.repository.js', '**/*.repository'], message: 'Routes must not import a repository; call a service.' },
  { group: ['**/db/index.js', '**/db/knex.js'], message: 'Routes must not touch the database layer.' },
];
// src/web is HTTP plumbing: only routes, upload parsers, request schemas and the composition of HTTP (app.ts) use it.
const NO_WEB = { regex: '(^|/)web/', message: 'Only HTTP code imports src/web; errors, i18n, the logger and Viewer live in src/core.' };
const NO_APP = { regex: '(^|/)app(\\.js)?$', message: 'Build the services with createServices (src/services.ts), not the HTTP app.' };
// Component files at the HTTP edge besides routes: upload parsers, request schemas.
const HTTP_EDGE = ['src/**/*.upload.ts', 'src/**/*-upload.ts', 'src/**/*.schemas.ts'];
const CROSS_COMPONENT = {
  regex: '^\\.\\./(?!\\.\\./)[^/]+/(?!index\\.js$)',
  message: 'Import another component only through its index.ts.',
};

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**', 'public/js/vendor/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.mjs', '**/*.js'],
    languageOptions: { globals: { ...globals.node } },
    plugins: { 'check-file': checkFile },
    rules: {
      'check-file/filename-naming-convention': [
        'error',
        { '{src,tests,scripts,public}/**/*.{ts,mjs,js,ejs,css}': 'KEBAB_CASE' },
        { ignoreMiddleExtensions: true },
      ],
      'check-file/folder-naming-convention': ['error', { 'src/**/': 'KEBAB_CASE', 'tests/**/': 'KEBAB_CASE' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
      'max-lines': ['error', { max: 300, skipBlankLines: true, skipComments: true }],
      // Lines a reader takes in at once; a long string (a message, a query, a URL) stays whole so it can be searched for.
      'max-len': [
        'error',
        { code: 140, ignoreStrings: true, ignoreTemplateLiterals: true, ignoreRegExpLiterals: true, ignoreUrls: true },
      ],
      eqeqeq: ['error', 'always'],
      'no-eval': 'error',
      'no-implied-eval': 'error',
    },
  },
  {
    // Routes parse, call one service, render: never Knex, a repository or the db layer.
    files: ['src/**/*.routes.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [NO_KNEX_IN_ROUTES], patterns: ROUTE_PATTERNS }] },
  },
  {
    // Services never see req/res, nor anything from src/web.
    files: ['src/**/*.service.ts', 'src/**/*.repository.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [NO_EXPRESS], patterns: [CROSS_COMPONENT, NO_WEB] }] },
  },
  {
    // The framework-free core and what runs without HTTP (the CLI, demo data, the service graph) never reach src/web or Express.
    files: [
      'src/core/**/*.ts',
      'src/lib/**/*.ts',
      'src/db/**/*.ts',
      'src/cli/**/*.ts',
      'src/demo/**/*.ts',
      'src/services.ts',
      'src/ad-business.ts',
      'src/services/**/*.ts',
    ],
    rules: {
      'no-restricted-imports': ['error', { paths: [NO_EXPRESS], patterns: [NO_WEB, NO_APP] }],
      // The same for import(): the CLI loads what it needs lazily.
      'no-restricted-syntax': [
        'error',
        {
          selector: 'ImportExpression[source.value=/(^|\\/)(web\\/|app\\.js$|express$)/]',
          message: `${NO_WEB.message} ${NO_APP.message}`,
        },
      ],
    },
  },
  // Inside components, every file also meets other components only through their index.ts. A later block's
  // no-restricted-imports replaces an earlier one's for the same file, so each block carries all that applies to it.
  {
    files: ['src/components/**/*.routes.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [NO_KNEX_IN_ROUTES], patterns: [...ROUTE_PATTERNS, CROSS_COMPONENT] }] },
  },
  {
    files: ['src/components/**/*.ts'],
    ignores: ['src/components/*/index.ts', 'src/**/*.routes.ts', 'src/**/*.service.ts', 'src/**/*.repository.ts', ...HTTP_EDGE],
    rules: { 'no-restricted-imports': ['error', { patterns: [CROSS_COMPONENT, NO_WEB] }] },
  },
  {
    files: HTTP_EDGE,
    rules: { 'no-restricted-imports': ['error', { patterns: [CROSS_COMPONENT] }] },
  },
  {
    files: ['public/js/**/*.js'],
    languageOptions: { globals: { ...globals.browser }, sourceType: 'script' },
  },
  // Loaded with type="module": it imports the ALTCHA widget so that it runs before the widget first renders.
  { files: ['public/js/altcha-setup.js'], languageOptions: { sourceType: 'module' } },
  // Tables, not logic: the message catalogues (Korean and English side by side) and the demo data's word lists.
  { files: ['src/**/*.messages.ts', 'src/demo/synthetic-themes.ts'], rules: { 'max-lines': 'off' } },
  {
    files: ['tests/**/*.ts'],
    rules: { 'max-lines': 'off', '@typescript-eslint/no-explicit-any': 'off' },
  },
);
