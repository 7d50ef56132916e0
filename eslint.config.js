// One lint configuration for the whole tree: typescript-eslint's recommended rules, React's hook
// rules, and the layers of the house (docs/architecture.md) as restricted imports. Formatting is
// Prettier's alone (eslint-config-prettier turns off the rules it owns).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import prettier from 'eslint-config-prettier';
import { importX, createNodeResolver } from 'eslint-plugin-import-x';

/** Where an import goes, as its specifier reads (`../../src-main/services/x`, `zod`). */
const to = {
  /** src-main's own files other than the contract, from anywhere */
  mainBesideContract: String.raw`(^|/)src-main(/(?!contract(/|$))|$)`,
  db: String.raw`^(\.\./)+db(/|$)`,
  /** out of the contract's folder (it has no subfolders), or any package but zod */
  outOfContract: String.raw`^\.\.(/|$)`,
  packageButZod: String.raw`^(?![./]|zod$)`,
  shell: String.raw`^(\.\./)+app(/|$)`,
  frontDoors: String.raw`^(\.\./)+(web|cli|handlers)(\.[jt]s)?$`,
  renderer: String.raw`(^|/)src-renderer(/|$)`,
  tools: String.raw`(^|/)tools(/|$)`,
};

export default tseslint.config(
  { ignores: ['node_modules/', 'out/', 'dist/', '.native/', 'db/migrations/', '.bench-data/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        console: 'readonly',
        process: 'readonly',
        Buffer: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
        setImmediate: 'readonly',
        URL: 'readonly',
        window: 'readonly',
        document: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // an ideographic space (U+3000) belongs in Chinese text, in strings and templates alike
      'no-irregular-whitespace': [
        'error',
        { skipStrings: true, skipTemplates: true, skipComments: true, skipRegExps: true },
      ],
    },
  },
  {
    // development tools (tools/, e.g. the demo register generator) may use the app's services,
    // never the reverse; the command line (cli.ts) is the one entry point that offers them
    files: ['src-main/**/*.ts', 'src-renderer/**/*.{ts,tsx}'],
    ignores: ['src-main/cli.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/tools/**'], message: 'the app does not depend on development tools' }] },
      ],
    },
  },
  {
    // test doubles stand in for Electron objects whose types the tests do not restate
    files: ['tests/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // no runtime import cycle in the main process (imports of types only do not count): a
    // module must be able to run its top level before anything that imports it
    files: ['src-main/**/*.ts'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.js'] })],
    },
    rules: { 'import-x/no-cycle': 'error' },
  },
  // ---- layers (docs/architecture.md#layers); `import type` counts as an import here --------------
  {
    files: ['src-renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: to.mainBesideContract,
              message:
                'The renderer imports only the contract (src-main/contract) and its own files: no service, shell or other main-process file, not even for a type.',
            },
            {
              regex: to.db,
              message:
                'The renderer imports only the contract (src-main/contract) and its own files: never db/.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src-main/contract/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: to.outOfContract,
              message:
                'The contract (src-main/contract) imports only zod and its own files: no service, no db, no shell, not even for a type.',
            },
            {
              regex: to.packageButZod,
              message:
                'The contract (src-main/contract) imports only zod and its own files: no other package.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src-main/services/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: to.shell,
              message:
                'Services never import the shell (src-main/app): the domain runs without any front door.',
            },
            {
              regex: to.frontDoors,
              message:
                'Services never import web.ts, cli.ts or handlers.ts: the front doors call services, not back.',
            },
            { regex: to.renderer, message: 'Services never import the renderer (src-renderer).' },
            { regex: to.tools, message: 'Services never import tools/: tools use services, not back.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src-renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  prettier,
);
