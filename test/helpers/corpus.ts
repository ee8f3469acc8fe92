// Loads the labeled accuracy corpus (test/corpus): files whose fake secrets are templates expanded at load time, each
// planted secret preceded by an inline label ⟪rule-id⟫ that the loader strips and records.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { expandFakes } from '../../src/core';
import { FAKE_CHARSETS } from '../../src/core/fakes';

/** One planted secret: the rule expected to find it and where it starts in the expanded text. */
export interface CorpusLabel {
  ruleId: string;
  offset: number;
  /** 1-based line and column of the secret's first character. */
  line: number;
  column: number;
}

/** One corpus file, expanded. `path` is relative to test/corpus with forward slashes (what path-bound rules see). */
export interface CorpusFile {
  path: string;
  text: string;
  labels: CorpusLabel[];
  negative: boolean;
}

const LABEL = /⟪([a-z0-9]+(?:-[a-z0-9]+)*)⟫/g;
const TEMPLATE_KINDS = new Set([...FAKE_CHARSETS, 'github', 'npm', 'pypi', 'jwt']);

/** Expands fake templates, leaving other double-bracket text alone (TOML `[[runners]]` tables). */
function expandKnown(text: string, seed: string): string {
  const kept: string[] = [];
  const guarded = text.replace(/\[\[([A-Za-z0-9]+)(?::[^\]]*)?\]\]/g, (whole, kind: string) => {
    if (TEMPLATE_KINDS.has(kind)) return whole;
    kept.push(whole);
    return `\u0000${kept.length - 1}\u0000`;
  });
  return expandFakes(guarded, seed).replace(/\u0000(\d+)\u0000/g, (_m, i: string) => kept[Number(i)]!);
}

/** Expands one template: fakes expanded piece by piece (seeded by file and piece), labels recorded and stripped. */
export function expandCorpusText(template: string, seed: string): { text: string; labels: CorpusLabel[] } {
  const labels: CorpusLabel[] = [];
  let text = '';
  let last = 0;
  let piece = 0;
  let pending: string | undefined;
  const emit = (raw: string): void => {
    if (pending !== undefined) {
      labels.push({ ruleId: pending, offset: text.length, line: 0, column: 0 });
      pending = undefined;
    }
    text += expandKnown(raw, `${seed}#${piece++}`);
  };
  for (const m of template.matchAll(LABEL)) {
    emit(template.slice(last, m.index));
    pending = m[1]!;
    last = m.index + m[0].length;
  }
  emit(template.slice(last));
  for (const label of labels) {
    const before = text.slice(0, label.offset);
    label.line = before.split('\n').length;
    label.column = label.offset - (before.lastIndexOf('\n') + 1) + 1;
  }
  return { text, labels };
}

function listFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const abs = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listFiles(abs));
    else if (entry.isFile()) out.push(abs);
  }
  return out;
}

/** Every file of the corpus under `root` (positives/ and negatives/), expanded. */
export function loadCorpus(root: string): CorpusFile[] {
  const files: CorpusFile[] = [];
  for (const part of ['positives', 'negatives']) {
    const dir = path.join(root, part);
    if (!fs.existsSync(dir)) continue;
    for (const abs of listFiles(dir)) {
      const rel = path.relative(root, abs).split(path.sep).join('/');
      const { text, labels } = expandCorpusText(fs.readFileSync(abs, 'utf8'), rel);
      files.push({ path: rel, text, labels, negative: part === 'negatives' });
    }
  }
  return files;
}
