// One lint configuration for the whole tree: typescript-eslint's recommended rules, React's hook
// rules, and the layers of the house (docs/architecture.md) as restricted imports. Formatting is
// Prettier's alone (eslint-config-prettier turns off the rules it owns).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import prettier from 'eslint-config-prettier';

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
    files: ['src-renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  prettier,
);
