// @ts-check
import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import importX from 'eslint-plugin-import-x';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import { layerZones, packageZones } from './sw-host/layers.js';

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/',
      '**/dist/',
      'components/build/',
      '**/test-results/',
      '**/playwright-report/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  // Svelte components (and `.svelte.ts` modules with runes) anywhere: their scripts are TypeScript.
  ...svelte.configs.recommended,
  {
    files: ['**/*.svelte', '**/*.svelte.ts', '**/*.svelte.js'],
    languageOptions: {
      globals: { ...globals.browser },
      parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.svelte'] },
    },
    // TypeScript (svelte-check) already knows every name, DOM types included; as for .ts files.
    rules: { 'no-undef': 'off' },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: [
      '**/*.js',
      '**/*.config.ts',
      '**/scripts/**',
      'sw-host/src/vite-plugin*/**',
      'sw-host/src/cli/**',
      'e2e/**',
    ],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    // Guest code: JavaScript that componentize-js turns into Wasm components.
    files: ['components/examples/**/src/**/*.js', 'components/fixtures/**/src/**/*.js'],
    languageOptions: { globals: { ...globals.serviceworker } },
  },
  {
    // Packages meet only through their exports (sw-host/layers.js).
    files: ['**/*.{js,ts,svelte}'],
    plugins: { 'import-x': importX },
    rules: { 'import-x/no-restricted-paths': ['error', { zones: packageZones('.') }] },
  },
  {
    // The host's folders import only downward (sw-host/layers.js).
    files: ['sw-host/src/**/*.ts'],
    plugins: { 'import-x': importX },
    rules: {
      'import-x/no-restricted-paths': [
        'error',
        { zones: [...layerZones('./sw-host/src'), ...packageZones('.')] },
      ],
    },
  },
);
