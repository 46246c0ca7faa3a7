// Type-aware linting: floating promises and unsafe `any` flows are bugs here, not style.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'attache-data/', 'coverage/', 'bin/', 'test/fixtures/'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
    },
  },
  {
    files: ['eslint.config.js', 'bench/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    files: ['bench/*.mjs'],
    languageOptions: { globals: { process: 'readonly', performance: 'readonly' } },
  },
);
