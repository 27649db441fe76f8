// Lint rules: typescript-eslint's recommended type-aware set (TypeScript 5.9 keeps its compiler API
// for it), and the layering rule that keeps the code layout of the README true.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** Import patterns for the layering rule, by what they reach. */
const REACH = {
  dialogs: ['**/dialogs/*', '**/dialogs/**'],
  botframework: ['**/botframework/*'],
  persistence: ['**/persistence/*', '**/persistence/**'],
  http: ['**/http/*'],
  channels: ['**/channels/*', '**/channels/**'],
  understanding: ['**/understanding/*'],
  /** The rest of the edge's botbuilder code; dialog-kit.js is the conversation's fenced way into botbuilder-dialogs. */
  botframeworkButDialogKit: ['**/botframework/*', '!**/botframework/dialog-kit.js'],
  compositionRoot: ['**/compose.js', '**/main.js', '**/chat.js'],
  knowledgeLoader: ['**/knowledge/load.js', '**/knowledge/sources.js', '**/knowledge/province-rules.js'],
  botbuilder: ['botbuilder', 'botbuilder/*', 'botbuilder-*', 'botframework-*'],
  io: ['fs', 'node:fs', 'fs/*', 'node:fs/*', 'restify', 'restify/*', 'lowdb', 'lowdb/*', 'steno', 'pg', 'node:http', 'node:net'],
};

/** One layer's rule: the patterns it may not import, with the reason shown in the lint error. */
function layer(files, forbidden, message) {
  return {
    files,
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: forbidden.flatMap((name) => REACH[name]), message }] }],
    },
  };
}

export default tseslint.config(
  { ignores: ['node_modules/', 'data/', 'coverage/', 'test-output/'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-assertions': ['error', { assertionStyle: 'never' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      // restify only accepts route handlers that are async or take next(); ours are async.
      '@typescript-eslint/require-await': 'off',
    },
  },
  // The layers (README, "Code layout"): the core is pure, the conversation sits on the core, the
  // edge on both, and only the composition root (src/compose.ts, src/main.ts, src/chat.ts) sees all.
  layer(
    ['src/domain/**/*.ts'],
    ['dialogs', 'botframework', 'persistence', 'http', 'channels', 'understanding', 'compositionRoot', 'knowledgeLoader', 'botbuilder', 'io'],
    'src/domain is the pure core: plain values in and out, no framework, no file system, no other layer.',
  ),
  layer(
    ['src/understanding/**/*.ts'],
    ['dialogs', 'botframework', 'persistence', 'http', 'channels', 'compositionRoot', 'knowledgeLoader', 'botbuilder', 'io'],
    'src/understanding is the pure core: it may use src/domain and the knowledge schemas, nothing of the edge.',
  ),
  layer(
    ['src/knowledge/**/*.ts'],
    ['dialogs', 'botframework', 'persistence', 'http', 'channels', 'understanding', 'compositionRoot', 'botbuilder'],
    'src/knowledge loads and validates knowledge/; it knows no other layer.',
  ),
  layer(
    ['dialogs/**/*.ts'],
    ['botframeworkButDialogKit', 'persistence', 'http', 'channels', 'compositionRoot', 'knowledgeLoader', 'io'],
    'dialogs/ is the conversation: it uses the core (orders only through the domain port) and botbuilder-dialogs, never storage, HTTP or channels.',
  ),
  layer(
    ['src/persistence/**/*.ts'],
    ['dialogs', 'botframework', 'http', 'channels', 'understanding', 'compositionRoot'],
    'src/persistence implements the domain\'s ports; it knows nothing of the conversation or the transport.',
  ),
  layer(
    ['src/botframework/**/*.ts'],
    ['persistence', 'http', 'channels', 'compositionRoot', 'io'],
    'src/botframework runs turns; stores and transports are given to it by the composition root.',
  ),
  layer(
    ['src/http/**/*.ts', 'src/channels/**/*.ts'],
    ['dialogs', 'persistence', 'understanding', 'compositionRoot'],
    'src/http and src/channels carry activities to the bot; they never reach the conversation or the stores directly.',
  ),
  {
    files: ['**/*.js', '**/*.cjs'],
    ...tseslint.configs.disableTypeChecked,
  },
);
