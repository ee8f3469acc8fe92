// The public surface of the detection engine.
export { Engine, fingerprintOf, compileRules, searchHintsOf, type Candidate, type CompiledRule, type EngineBudget } from './engine';
export { KeywordHits } from './keywordIndex';
export { requiredLiterals } from './requiredLiterals';
export { parseRuleFile, checkRuleSet } from './ruleSchema';
export { RuleError, RuleErrors } from './ruleErrors';
export { maskSecret } from './mask';
export { shannonEntropy } from './entropy';
export { isPlaceholder } from './placeholders';
export { isInlineAllowed, ALLOW_MARKER } from './suppress';
export { LineMap } from './lines';
export { expandFakes, prng } from './fakes';
export * from './types';
export { DocumentScanner, type TextChange } from './incremental';
export { regexReach } from './regexReach';
export { checkRegexSafety, checkRegexStructure } from './regexSafety';
export type { ParseRuleOptions } from './ruleSchema';
export { secretFileKind, secretFileRules, secretFileFinding, SECRET_FILE_RULE_IDS, type SecretFileKind } from './secretFiles';
export { addIgnoreEntry, IGNORE_FILE, parseIgnoreFile, type IgnoreEntry } from './ignoreList';
