// Prints the benchmark's results as tables, checks the targets, saves JSON and compares two runs.
import * as fs from 'node:fs';
import * as path from 'node:path';

/** One target: a measured value against a limit. */
export interface Target {
  name: string;
  value: number;
  limit: number;
  /** `max`: the value must stay at or under the limit; `min`: at or over it. */
  kind: 'max' | 'min';
  unit: string;
  pass: boolean;
  note?: string;
}

export function target(name: string, value: number, kind: 'max' | 'min', limit: number, unit: string, note?: string): Target {
  const pass = Number.isFinite(value) && (kind === 'max' ? value <= limit : value >= limit);
  return { name, value, limit, kind, unit, pass, ...(note ? { note } : {}) };
}

/** Formats a number compactly: 3 significant digits, thousands kept whole. */
export function num(n: number | undefined): string {
  if (n === undefined || Number.isNaN(n)) return '-';
  if (!Number.isFinite(n)) return String(n);
  if (Math.abs(n) >= 1000) return Math.round(n).toLocaleString('en-US');
  if (Math.abs(n) >= 100) return n.toFixed(0);
  if (Math.abs(n) >= 10) return n.toFixed(1);
  return n.toFixed(n === Math.round(n) ? 0 : 2);
}

/** Prints rows as an aligned table under a title. */
export function table(title: string, header: readonly string[], rows: readonly (readonly string[])[]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]): string => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  console.log(`\n${title}`);
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows) console.log(line(r));
}

export function printTargets(targets: readonly Target[]): void {
  table(
    'Targets',
    ['target', 'value', 'limit', 'result'],
    targets.map((t) => [t.name, `${num(t.value)} ${t.unit}`, `${t.kind === 'max' ? '<=' : '>='} ${num(t.limit)} ${t.unit}`, `${t.pass ? 'PASS' : 'FAIL'}${t.note ? ` (${t.note})` : ''}`]),
  );
}

/** Saves the results as bench-results/<timestamp>.json and bench-results/latest.json; returns the first path. */
export function saveResults(root: string, results: Record<string, unknown>): string {
  const dir = path.join(root, 'bench-results');
  fs.mkdirSync(dir, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const file = path.join(dir, `${stamp}.json`);
  const json = `${JSON.stringify(results, null, 2)}\n`;
  fs.writeFileSync(file, json);
  fs.writeFileSync(path.join(dir, 'latest.json'), json);
  return file;
}

/** Every numeric leaf of a JSON value, by dotted path (arrays of objects keyed by their `name` or `id`). */
function leaves(value: unknown, prefix = '', out = new Map<string, number>()): Map<string, number> {
  if (typeof value === 'number') out.set(prefix, value);
  else if (Array.isArray(value)) {
    value.forEach((v, i) => {
      const named = v && typeof v === 'object' ? ((v as Record<string, unknown>)['name'] ?? (v as Record<string, unknown>)['id']) : undefined;
      leaves(v, `${prefix}[${typeof named === 'string' ? named : i}]`, out);
    });
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) leaves(v, prefix ? `${prefix}.${k}` : k, out);
  }
  return out;
}

/** Prints, for every number both runs have, the old value, the new one and the change in percent. */
export function printComparison(oldFile: string, current: Record<string, unknown>): void {
  const old = JSON.parse(fs.readFileSync(oldFile, 'utf8')) as unknown;
  const a = leaves(old);
  const b = leaves(current);
  const skip = /^(load|machine|timestamp)|\.limit$|\.runs$|^targets\[.*\]\.(limit)$/;
  const rows: string[][] = [];
  for (const [k, v] of b) {
    const was = a.get(k);
    if (was === undefined || skip.test(k)) continue;
    const change = was === 0 ? (v === 0 ? 0 : Infinity) : ((v - was) / Math.abs(was)) * 100;
    rows.push([k, num(was), num(v), `${change >= 0 ? '+' : ''}${num(change)}%`]);
  }
  table(`Compared with ${path.basename(oldFile)}`, ['metric', 'before', 'now', 'change'], rows);
}
