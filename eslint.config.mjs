// Lint gate run by `npm test` (`npm run lint`): typescript-eslint's recommended rules over the
// runtime, the tests and the tools. Type-checking itself is tsc's job (npm run typecheck).
import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
    { ignores: ['dist/**', 'node_modules/**', 'test/artifacts/**', '**/*.cjs', '**/*.mjs'] },
    eslint.configs.recommended,
    tseslint.configs.recommended,
    {
        rules: {
            // tsc's noUnusedLocals/noUnusedParameters report these; `_name` marks one kept on purpose.
            '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
            'max-len': ['error', { code: 160, ignoreUrls: true, ignoreStrings: true, ignoreTemplateLiterals: true, ignoreRegExpLiterals: true }]
        }
    },
    {
        files: ['test/**/*.ts'],
        rules: {
            // chai's property assertions (`expect(x).to.exist`) are expressions by design.
            '@typescript-eslint/no-unused-expressions': 'off',
            // Fixtures poke at raw YAML and manifest JSON whose shape is the thing under test.
            '@typescript-eslint/no-explicit-any': 'off'
        }
    }
);
