// The quick-fix planners: pure functions from document text to edits, wired into VS Code by src/editor.
export * from './types';
export { planEnvVarFix, MOVE_ALTERNATIVES } from './envVarFix';
export { planSecretsManagerFix } from './secretsManagerFix';
export { planInlineIgnore, ALLOW_NEXT_LINE_MARKER } from './inlineIgnore';
export { planGitignore } from './gitignore';
export { renderRemediationGuide, type GuideFinding } from './guide';
export { applyEdits } from './imports';
export { resolveLanguage, type FixLanguage } from './languages';
export { toUpperSnake, suggestName } from './naming';
export { parseDotenv, quoteDotenvValue, chooseDotenvEntry } from './dotenv';
export { MANAGERS } from './templates';
