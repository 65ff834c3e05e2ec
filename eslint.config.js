// Lint rules also guard the layering: each layer may import only what DESIGN.md allows.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'crypto', 'http', 'http2', 'net', 'child_process', 'worker_threads'];

export default tseslint.config(
  { ignores: ['dist/**', '.tsbuild/**', 'node_modules/**', 'release/**', 'test-results/**', 'playwright-report/**', 'bench/out/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['main/**/*.ts', 'test/**/*.ts', 'bench/**/*.ts'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['main/**/*.ts'],
    ignores: ['main/electron/**', 'main/preload/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['electron'], message: 'Only main/electron and main/preload may import electron.' }, { group: ['**/renderer/**'], message: 'main never imports the renderer.' }] }],
    },
  },
  {
    files: ['main/**/*.ts'],
    ignores: ['main/storage/**', 'main/electron/**', 'main/preload/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['electron'], message: 'Only main/electron and main/preload may import electron.' }, { group: ['better-sqlite3'], message: 'Only main/storage imports better-sqlite3.' }, { group: ['**/renderer/**'], message: 'main never imports the renderer.' }] }],
    },
  },
  {
    files: ['main/electron/**/*.ts', 'main/preload/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['better-sqlite3'], message: 'Only main/storage imports better-sqlite3.' }, { group: ['**/renderer/**'], message: 'main never imports the renderer.' }] }],
    },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': ['error', { paths: ['electron'], patterns: [{ group: nodeBuiltins, message: 'The renderer has no Node APIs.' }, { group: ['**/main/**'], message: 'The renderer talks to main only through renderer/api.' }] }],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: ['electron', 'react', 'react-dom'], patterns: [{ group: nodeBuiltins, message: 'shared/ has no Node APIs.' }, { group: ['**/main/**', '**/renderer/**'], message: 'shared/ imports neither side.' }] }],
    },
  },
);
