/** Severity of a finding, in VS Code's diagnostic terms. */
export type Severity = 'error' | 'warning' | 'info' | 'hint';
export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info', 'hint'];

/** How sure a rule is that a match is a real secret. */
export type Confidence = 'high' | 'medium' | 'low';
export const CONFIDENCES: readonly Confidence[] = ['high', 'medium', 'low'];

/** The rule families, for grouping and for recall per family. */
export const FAMILIES = [
  'cloud', 'source-hosting', 'ci-cd', 'payments', 'messaging', 'observability', 'ai', 'database',
  'package-registry', 'identity', 'saas', 'crypto-keys', 'url-credentials', 'generic',
] as const;
export type Family = (typeof FAMILIES)[number];

/** What to tell a user about one kind of secret: what it is, the risk, and how to recover. */
export interface Remediation {
  what: string;
  risk: string;
  rotate: string[];
  revoke?: string;
  misuse: string;
  prevention?: string;
  docs?: string;
}

/** One example text for a rule, with the file path it is read from when the rule is bound to paths. */
export interface RuleExample {
  text: string;
  path?: string;
}

/** A rule as written in rules/*.yaml, after validation. Plain data, serialisable as JSON. */
export interface RuleSpec {
  id: string;
  name: string;
  provider: string;
  family: string;
  description: string;
  regex: string;
  flags: string;
  secretGroup: number;
  keywords: string[];
  entropy: number;
  severity: Severity;
  confidence: Confidence;
  generic: boolean;
  /** When set, the rule runs only on files whose path (forward slashes) matches this case-insensitive regex. */
  path?: string;
  validator?: string;
  allowlist: { regexes: string[]; stopwords: string[] };
  envVar: string;
  remediation: Remediation;
  examples: { positive: RuleExample[]; negative: RuleExample[] };
  /** Where the rule was defined, for messages. */
  source: { file: string; line: number };
  /** What the engine works out from the regex, worked out at build time for the built-in rules. */
  search?: SearchHints;
}

/** How far a rule's regex reads around a match and which literals every match holds (null: unbounded). */
export interface SearchHints {
  reach: number | null;
  anchors: string[];
  anchorReach: number | null;
  /**
   * The characters that can come before an anchor in a match, as the ASCII bitmap (4 words) and 1 if any character
   * above ASCII can: a match starts no earlier than the run of them that ends at the anchor.
   */
  anchorLead?: number[] | null;
  /** For a rule without anchors: a cheaper regex every match holds, and where in the match (see src/core/pivot.ts). */
  pivot?: { source: string; minBefore: number; maxBefore: number } | null;
}

/** A zero-based position in UTF-16 code units, as VS Code counts them. */
export interface Position {
  line: number;
  character: number;
}

/** One secret found in a text. */
export interface Finding {
  ruleId: string;
  name: string;
  provider: string;
  severity: Severity;
  confidence: Confidence;
  /** Offsets of the secret itself in the scanned text (UTF-16 code units). */
  start: number;
  end: number;
  range: { start: Position; end: Position };
  /** The secret with its middle hidden, safe to show anywhere. */
  masked: string;
  entropy: number;
  /** Stable id of (rule, secret): a hash, never the secret. */
  fingerprint: string;
  /** The raw secret; callers must never print it unless the user explicitly asked. */
  secret: string;
  envVar: string;
}

/** Options for one detection run. */
export interface DetectOptions {
  /** Rule ids to skip. */
  disabledRules?: ReadonlySet<string>;
  /** Findings below this confidence are dropped. */
  minConfidence?: Confidence;
  /** Honour inline allow markers (default true). */
  inlineAllow?: boolean;
  /** The document's path (forward slashes, relative to its workspace or scan root), for path-bound rules. */
  path?: string;
  /** Fingerprints the user chose to ignore. */
  ignoredFingerprints?: ReadonlySet<string>;
}
