// Lint rules, including the layering rule: where code runs decides what it may import.
import tseslint from 'typescript-eslint';

const nodeBuiltins = [
  'node:*',
  'fs',
  'path',
  'http',
  'https',
  'net',
  'zlib',
  'os',
  'child_process',
  'crypto',
  'url',
  'stream',
  'events',
  'util',
  'worker_threads',
];

export default tseslint.config(
  { ignores: ['dist/**', 'dist-bench/**', 'node_modules/**', 'release/**', 'docs/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
      'no-console': 'off',
      eqeqeq: ['error', 'smart'],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: nodeBuiltins, message: 'shared/ runs everywhere: no Node built-ins.' },
            { group: ['electron', 'electron/*'], message: 'shared/ runs everywhere: no Electron.' },
            { group: ['**/electron/**', '**/renderer/**'], message: 'shared/ imports only shared/.' },
            { group: ['react', 'react-dom', 'react-dom/*'], message: 'shared/ has no UI.' },
            {
              group: ['protobufjs', 'protobufjs/*'],
              message: "shared/ decodes protobuf by hand; protobufjs is only the tests' reference decoder.",
            },
          ],
        },
      ],
      'no-restricted-globals': ['error', 'window', 'document', 'process', 'Buffer', 'require', '__dirname'],
    },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: nodeBuiltins, message: 'renderer/ runs in a browser: no Node built-ins.' },
            {
              group: ['electron', 'electron/*'],
              message: 'renderer/ reaches the core only through the local API.',
            },
            {
              group: ['**/electron/**'],
              message: 'renderer/ never imports electron/: use the API in shared/api.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['electron/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['electron', 'electron/*'],
              message: 'electron/core is plain Node: only electron/shell imports Electron.',
            },
            { group: ['**/renderer/**'], message: 'The core never imports the UI.' },
          ],
        },
      ],
    },
  },
);
