// The secrets-manager templates, by language.
import { CSHARP } from './csharp';
import { GO } from './go';
import { JAVA } from './java';
import { JAVASCRIPT } from './javascript';
import { PYTHON } from './python';
import { RUBY } from './ruby';
import type { LanguageTemplates } from './types';

export { MANAGERS } from './managers';
export type { JsImport, ManagerTemplate, ManagerInfo, LanguageTemplates } from './types';

/** Templates for every language that has them. */
export const TEMPLATES: Readonly<Record<'javascript' | 'python' | 'go' | 'java' | 'csharp' | 'ruby', LanguageTemplates>> = {
  javascript: JAVASCRIPT, python: PYTHON, go: GO, java: JAVA, csharp: CSHARP, ruby: RUBY,
};
