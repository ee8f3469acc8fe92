import { Document, LineCounter, isMap, isSeq, parseDocument, type Node } from 'yaml';
import { checkRegexSafety } from './regexSafety';
import { RuleError } from './ruleErrors';
import {
  CONFIDENCES,
  FAMILIES,
  SEVERITIES,
  type Confidence,
  type Remediation,
  type RuleExample,
  type RuleSpec,
  type Severity,
} from './types';
import { VALIDATOR_NAMES } from './validators';

const FILE_FIELDS = new Set(['provider', 'family', 'remediation', 'rules']);
const RULE_FIELDS = new Set([
  'id', 'provider', 'name', 'description', 'regex', 'secretGroup', 'keywords', 'entropy', 'severity', 'confidence',
  'generic', 'path', 'validator', 'allowlist', 'envVar', 'remediation', 'examples',
]);
const REMEDIATION_FIELDS = new Set(['what', 'risk', 'rotate', 'revoke', 'misuse', 'prevention', 'docs']);
const KEBAB = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const ENV_VAR = /^[A-Z][A-Z0-9_]*$/;

type Path = readonly (string | number)[];

/** How much to trust a rule file. */
export interface ParseRuleOptions {
  /** A user's or a repository's own rules: every regex must also pass checkRegexSafety (no catastrophic backtracking). */
  untrusted?: boolean;
}

/** Reads one rule file (YAML text) into validated rule specs; every problem names file, line, rule and field. */
export function parseRuleFile(
  text: string, file: string, options: ParseRuleOptions = {},
): { rules: RuleSpec[]; errors: RuleError[] } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  const errors: RuleError[] = [];
  for (const e of doc.errors) {
    const line = e.linePos?.[0]?.line ?? lineCounter.linePos(e.pos[0]).line;
    errors.push(new RuleError(file, line, undefined, undefined, `malformed YAML: ${e.message.split('\n')[0]}`));
  }
  if (errors.length > 0) return { rules: [], errors };
  const ctx = new Context(doc, lineCounter, file, errors, options.untrusted === true);
  const rules = ctx.readFile(doc.toJS() as unknown);
  return { rules, errors };
}

class Context {
  constructor(
    private readonly doc: Document,
    private readonly lines: LineCounter,
    readonly file: string,
    readonly errors: RuleError[],
    private readonly untrusted = false,
  ) {}

  /** For untrusted rules: rejects a regex that could backtrack catastrophically. */
  private checkSafety(path: Path, id: string | undefined, field: string, source: string, flags: string): void {
    if (!this.untrusted) return;
    const reason = checkRegexSafety(source, flags);
    if (reason) this.fail(path, id, field, reason);
  }

  lineOf(path: Path): number {
    for (let n = path.length; n >= 0; n--) {
      const node = n === 0 ? this.doc.contents : this.doc.getIn(path.slice(0, n), true);
      const range = (node as Node | undefined)?.range;
      if (range) return this.lines.linePos(range[0]).line;
      // A key whose value is missing or null still has a key node with a position.
      const parent = this.doc.getIn(path.slice(0, n - 1), true);
      if (n > 0 && isMap(parent)) {
        const pair = parent.items.find((p) => (p.key as { value?: unknown } | null)?.value === path[n - 1]);
        const keyRange = (pair?.key as Node | undefined)?.range;
        if (keyRange) return this.lines.linePos(keyRange[0]).line;
      }
      if (n > 0 && isSeq(parent)) continue;
    }
    return 1;
  }

  fail(path: Path, ruleId: string | undefined, field: string | undefined, detail: string): void {
    this.errors.push(new RuleError(this.file, this.lineOf(path), ruleId, field, detail));
  }

  readFile(raw: unknown): RuleSpec[] {
    if (!isRecord(raw)) {
      this.fail([], undefined, undefined, 'expected a mapping with "provider" and "rules"');
      return [];
    }
    for (const key of Object.keys(raw)) {
      if (!FILE_FIELDS.has(key)) this.fail([key], undefined, key, `unknown field (allowed: ${[...FILE_FIELDS].join(', ')})`);
    }
    const provider = this.str(raw, ['provider'], undefined, 'provider', true) ?? '';
    const family = this.str(raw, ['family'], undefined, 'family', true) ?? '';
    if (family && !(FAMILIES as readonly string[]).includes(family)) this.fail(['family'], undefined, 'family', `must be one of ${FAMILIES.join(', ')}`);
    const fileRemediation = raw['remediation'] === undefined ? undefined : this.remediation(raw['remediation'], ['remediation'], undefined);
    const list = raw['rules'];
    if (!Array.isArray(list) || list.length === 0) {
      this.fail(['rules'], undefined, 'rules', 'expected a non-empty list of rules');
      return [];
    }
    const out: RuleSpec[] = [];
    list.forEach((item, i) => {
      const rule = this.readRule(item, ['rules', i], provider, family, fileRemediation);
      if (rule) out.push(rule);
    });
    return out;
  }

  private readRule(raw: unknown, path: Path, provider: string, family: string, fileRemediation: Remediation | undefined): RuleSpec | undefined {
    if (!isRecord(raw)) {
      this.fail(path, undefined, undefined, 'expected a mapping');
      return undefined;
    }
    const before = this.errors.length;
    const id = typeof raw['id'] === 'string' ? raw['id'] : undefined;
    if (!id) this.fail(path, undefined, 'id', 'required (a kebab-case string)');
    else if (!KEBAB.test(id)) this.fail([...path, 'id'], id, 'id', 'must be kebab-case, e.g. "jira-api-token"');
    for (const key of Object.keys(raw)) {
      if (!RULE_FIELDS.has(key)) this.fail([...path, key], id, key, `unknown field (allowed: ${[...RULE_FIELDS].join(', ')})`);
    }
    const name = this.str(raw, [...path, 'name'], id, 'name', true) ?? '';
    const ruleProvider = this.str(raw, [...path, 'provider'], id, 'provider', false) ?? provider;
    const description = this.str(raw, [...path, 'description'], id, 'description', true) ?? '';
    const regexText = this.str(raw, [...path, 'regex'], id, 'regex', true) ?? '';
    let flags = 'gd';
    let source = regexText;
    if (source.startsWith('(?i)')) {
      source = source.slice(4);
      flags += 'i';
    }
    let groups = 0;
    if (regexText) {
      try {
        const compiled = new RegExp(source, flags);
        groups = new RegExp(`${source}|`, flags).exec('')!.length - 1;
        if (compiled.test('')) this.fail([...path, 'regex'], id, 'regex', 'matches the empty string');
        else this.checkSafety([...path, 'regex'], id, 'regex', source, flags);
      } catch (e) {
        this.fail([...path, 'regex'], id, 'regex', `does not compile: ${(e as Error).message}`);
      }
    }
    let secretGroup = groups > 0 ? 1 : 0;
    if (raw['secretGroup'] !== undefined) {
      const g = raw['secretGroup'];
      if (typeof g !== 'number' || !Number.isInteger(g) || g < 0) this.fail([...path, 'secretGroup'], id, 'secretGroup', 'must be a whole number ≥ 0');
      else if (g > groups) this.fail([...path, 'secretGroup'], id, 'secretGroup', `the regex has only ${groups} capture group(s)`);
      else secretGroup = g;
    }
    const keywords = this.strList(raw, [...path, 'keywords'], id, 'keywords').map((k) => k.toLowerCase());
    let entropy = 0;
    if (raw['entropy'] !== undefined) {
      const e = raw['entropy'];
      if (typeof e !== 'number' || e < 0 || e > 8) this.fail([...path, 'entropy'], id, 'entropy', 'must be a number from 0 to 8 (bits per character)');
      else entropy = e;
    }
    const severity = this.oneOf<Severity>(raw, [...path, 'severity'], id, 'severity', SEVERITIES, 'warning');
    const confidence = this.oneOf<Confidence>(raw, [...path, 'confidence'], id, 'confidence', CONFIDENCES, 'medium');
    let generic = false;
    if (raw['generic'] !== undefined) {
      if (typeof raw['generic'] !== 'boolean') this.fail([...path, 'generic'], id, 'generic', 'must be true or false');
      else generic = raw['generic'];
    }
    const pathRe = this.str(raw, [...path, 'path'], id, 'path', false);
    if (pathRe !== undefined) {
      try {
        new RegExp(pathRe, 'i');
        this.checkSafety([...path, 'path'], id, 'path', pathRe, 'i');
      } catch (e) {
        this.fail([...path, 'path'], id, 'path', `does not compile: ${(e as Error).message}`);
      }
    }
    const validator = this.str(raw, [...path, 'validator'], id, 'validator', false);
    if (validator !== undefined && !VALIDATOR_NAMES.includes(validator)) {
      this.fail([...path, 'validator'], id, 'validator', `unknown validator (known: ${VALIDATOR_NAMES.join(', ')})`);
    }
    const allowlist = { regexes: [] as string[], stopwords: [] as string[] };
    if (raw['allowlist'] !== undefined) {
      const a = raw['allowlist'];
      if (!isRecord(a)) this.fail([...path, 'allowlist'], id, 'allowlist', 'expected a mapping with "regexes" and/or "stopwords"');
      else {
        for (const key of Object.keys(a)) {
          if (key !== 'regexes' && key !== 'stopwords') this.fail([...path, 'allowlist', key], id, `allowlist.${key}`, 'unknown field (allowed: regexes, stopwords)');
        }
        allowlist.regexes = this.strList(a, [...path, 'allowlist', 'regexes'], id, 'allowlist.regexes');
        allowlist.regexes.forEach((r, i) => {
          try {
            new RegExp(r);
            this.checkSafety([...path, 'allowlist', 'regexes', i], id, 'allowlist.regexes', r, 'i');
          } catch (e) {
            this.fail([...path, 'allowlist', 'regexes', i], id, 'allowlist.regexes', `does not compile: ${(e as Error).message}`);
          }
        });
        allowlist.stopwords = this.strList(a, [...path, 'allowlist', 'stopwords'], id, 'allowlist.stopwords').map((s) => s.toLowerCase());
      }
    }
    let envVar = this.str(raw, [...path, 'envVar'], id, 'envVar', false) ?? (id ?? '').toUpperCase().replace(/-/g, '_');
    if (!ENV_VAR.test(envVar)) {
      this.fail([...path, 'envVar'], id, 'envVar', 'must be UPPER_SNAKE_CASE');
      envVar = 'SECRET';
    }
    let remediation = fileRemediation;
    if (raw['remediation'] !== undefined) remediation = this.remediation(raw['remediation'], [...path, 'remediation'], id, fileRemediation);
    if (!remediation) this.fail(path, id, 'remediation', 'required, on the rule or at the top of the file');
    const examples = { positive: [] as RuleExample[], negative: [] as RuleExample[] };
    const ex = raw['examples'];
    if (!isRecord(ex)) this.fail(ex === undefined ? path : [...path, 'examples'], id, 'examples', 'required: a mapping with "positive" and "negative" lists');
    else {
      for (const key of Object.keys(ex)) {
        if (key !== 'positive' && key !== 'negative') this.fail([...path, 'examples', key], id, `examples.${key}`, 'unknown field (allowed: positive, negative)');
      }
      examples.positive = this.exampleList(ex, [...path, 'examples', 'positive'], id, 'examples.positive');
      examples.negative = this.exampleList(ex, [...path, 'examples', 'negative'], id, 'examples.negative');
      if (pathRe === undefined && [...examples.positive, ...examples.negative].some((e) => e.path !== undefined)) {
        this.fail([...path, 'examples'], id, 'examples', 'an example has a path but the rule has no "path"');
      }
      if (examples.positive.length === 0) this.fail([...path, 'examples'], id, 'examples.positive', 'at least one positive example is required');
      if (examples.negative.length === 0) this.fail([...path, 'examples'], id, 'examples.negative', 'at least one negative example is required');
    }
    if (this.errors.length > before || !id || !remediation) return undefined;
    return {
      id, name, provider: ruleProvider, family, description, regex: source, flags, secretGroup, keywords, entropy, severity,
      confidence, generic, ...(pathRe ? { path: pathRe } : {}), ...(validator ? { validator } : {}), allowlist, envVar, remediation, examples,
      source: { file: this.file, line: this.lineOf(path) },
    };
  }

  private remediation(raw: unknown, path: Path, id: string | undefined, base?: Remediation): Remediation | undefined {
    if (!isRecord(raw)) {
      this.fail(path, id, 'remediation', 'expected a mapping with what, risk, rotate, misuse');
      return undefined;
    }
    for (const key of Object.keys(raw)) {
      if (!REMEDIATION_FIELDS.has(key)) this.fail([...path, key], id, `remediation.${key}`, `unknown field (allowed: ${[...REMEDIATION_FIELDS].join(', ')})`);
    }
    const required = !base;
    const what = this.str(raw, [...path, 'what'], id, 'remediation.what', required) ?? base?.what ?? '';
    const risk = this.str(raw, [...path, 'risk'], id, 'remediation.risk', required) ?? base?.risk ?? '';
    const misuse = this.str(raw, [...path, 'misuse'], id, 'remediation.misuse', required) ?? base?.misuse ?? '';
    const rotate = raw['rotate'] === undefined && base ? base.rotate : this.strList(raw, [...path, 'rotate'], id, 'remediation.rotate');
    if (rotate.length === 0) this.fail(path, id, 'remediation.rotate', 'required: a list of steps');
    const result: Remediation = { what, risk, rotate, misuse };
    for (const key of ['revoke', 'prevention', 'docs'] as const) {
      const v = this.str(raw, [...path, key], id, `remediation.${key}`, false) ?? base?.[key];
      if (v !== undefined) result[key] = v;
    }
    return result;
  }

  private str(obj: Record<string, unknown>, path: Path, id: string | undefined, field: string, required: boolean): string | undefined {
    const v = obj[String(path[path.length - 1])];
    if (v === undefined || v === null) {
      if (required) this.fail(path.slice(0, -1), id, field, 'required');
      return undefined;
    }
    if (typeof v !== 'string' || v.trim() === '') {
      this.fail(path, id, field, 'must be a non-empty string');
      return undefined;
    }
    return v;
  }

  private strList(obj: Record<string, unknown>, path: Path, id: string | undefined, field: string): string[] {
    const v = obj[String(path[path.length - 1])];
    if (v === undefined || v === null) return [];
    if (!Array.isArray(v)) {
      this.fail(path, id, field, 'must be a list of strings');
      return [];
    }
    const out: string[] = [];
    v.forEach((item, i) => {
      if (typeof item !== 'string' || item === '') this.fail([...path, i], id, field, `item ${i + 1} must be a non-empty string`);
      else out.push(item);
    });
    return out;
  }

  private exampleList(obj: Record<string, unknown>, path: Path, id: string | undefined, field: string): RuleExample[] {
    const v = obj[String(path[path.length - 1])];
    if (v === undefined || v === null) return [];
    if (!Array.isArray(v)) {
      this.fail(path, id, field, 'must be a list of example texts (or { path, text } mappings)');
      return [];
    }
    const out: RuleExample[] = [];
    v.forEach((item: unknown, i) => {
      if (typeof item === 'string' && item !== '') out.push({ text: item });
      else if (isRecord(item) && typeof item['text'] === 'string' && typeof item['path'] === 'string' && Object.keys(item).length === 2) {
        out.push({ text: item['text'], path: item['path'] });
      } else this.fail([...path, i], id, field, `item ${i + 1} must be a non-empty string or a mapping with "path" and "text"`);
    });
    return out;
  }

  private oneOf<T extends string>(obj: Record<string, unknown>, path: Path, id: string | undefined, field: string, allowed: readonly T[], dflt: T): T {
    const v = obj[String(path[path.length - 1])];
    if (v === undefined) return dflt;
    if (typeof v !== 'string' || !(allowed as readonly string[]).includes(v)) {
      this.fail(path, id, field, `must be one of ${allowed.join(', ')}`);
      return dflt;
    }
    return v as T;
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Checks a whole rule set for problems that span files: duplicate ids. */
export function checkRuleSet(rules: readonly RuleSpec[]): RuleError[] {
  const seen = new Map<string, RuleSpec>();
  const errors: RuleError[] = [];
  for (const r of rules) {
    const prev = seen.get(r.id);
    if (prev) errors.push(new RuleError(r.source.file, r.source.line, r.id, 'id', `duplicate id (first defined at ${prev.source.file}:${prev.source.line})`));
    else seen.set(r.id, r);
  }
  return errors;
}
