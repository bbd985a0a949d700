import js from '@eslint/js'
import tseslint from 'typescript-eslint'

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'dist/',
      'coverage/',
      'test-results/',
      'playwright-report/',
      'reports/',
      'demo/spa/dist/',
      'bench/results/',
      // Mutation testing's sandboxes, reports and incremental file (npm run mutate).
      '.stryker/',
      // The generated API reference (npm run docs:api).
      'docs/api/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-eval': 'error',
      'no-implied-eval': 'error',
      'no-new-func': 'error',
    },
  },
  {
    // The SDK never logs by itself and never touches innerHTML (S13).
    files: ['src/**/*.ts'],
    rules: {
      'no-console': 'error',
      'no-restricted-properties': [
        'error',
        { property: 'innerHTML', message: 'Build DOM nodes; never parse HTML (S13).' },
        { property: 'outerHTML', message: 'Build DOM nodes; never parse HTML (S13).' },
        { object: 'localStorage', message: 'Codes and tokens never go to localStorage (S11).' },
      ],
      // Errors are made in core/errors.ts only: the SDK's own codes through sdkError (typed, so a misspelt
      // code does not compile), a server's through serverError, its single entry.
      'no-restricted-syntax': [
        'error',
        {
          selector: "NewExpression[callee.name='WebAuthError']",
          message: 'Use sdkError (an SDK code) or serverError (a server code) from src/core/errors.ts.',
        },
      ],
    },
  },
  {
    files: ['src/core/errors.ts'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    // Scripts that run in test pages.
    files: ['e2e/fixtures/**/*.js'],
    languageOptions: { globals: { window: 'readonly', document: 'readonly' } },
  },
  {
    files: ['**/*.mjs', '**/*.cjs', 'scripts/**', 'demo/**', 'bench/**', 'e2e/**', 'test/**'],
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        URL: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        Buffer: 'readonly',
      },
    },
  },
)
