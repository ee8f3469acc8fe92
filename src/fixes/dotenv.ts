// Reading and appending .env files without disturbing what is already there.

/** The KEY=value pairs of a .env text, in order, with values unquoted the way dotenv loaders read them. */
export function parseDotenv(text: string): { key: string; value: string }[] {
  const out: { key: string; value: string }[] = [];
  const re = /^[ \t]*(?:export[ \t]+)?([A-Za-z_][\w.-]*)[ \t]*=[ \t]*("(?:\\[\s\S]|[^"\\])*"|'[^']*'|`[^`]*`|[^\r\n]*)/gm;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const raw = m[2] ?? '';
    let value: string;
    if (raw.startsWith('"')) {
      value = raw.slice(1, -1).replace(/\\([nrt"\\$])/g, (_, c: string) => ({ n: '\n', r: '\r', t: '\t' }[c] ?? c));
    } else if (raw.startsWith("'") || raw.startsWith('`')) {
      value = raw.slice(1, -1);
    } else {
      value = raw.replace(/[ \t]+#.*$/, '').trim();
    }
    out.push({ key: m[1]!, value });
  }
  return out;
}

/** A value written so that dotenv, python-dotenv and Docker Compose all read it back unchanged. */
export function quoteDotenvValue(value: string): string {
  if (/^[\w.\-+/=:@%,~^]*$/.test(value)) return value;
  if (/[\r\n]/.test(value)) {
    return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\r/g, '\\r').replace(/\n/g, '\\n')}"`;
  }
  if (/["$\\`]/.test(value) && !value.includes("'")) return `'${value}'`;
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** The outcome of choosing a name: reuse an entry that already holds the value, or append a new one. */
export interface DotenvChoice {
  name: string;
  envFileEdit: { newText: string } | 'unchanged';
  reused: boolean;
}

/**
 * Chooses the .env entry for `value`: the wanted name if free, the entry already holding this exact value, or
 * NAME_2, NAME_3, ... when the name holds something else. Appends without touching existing lines.
 */
export function chooseDotenvEntry(envText: string | undefined, wanted: string, value: string): DotenvChoice {
  const entries = parseDotenv(envText ?? '');
  const valueOf = new Map<string, string>();
  for (const e of entries) valueOf.set(e.key, e.value); // later lines win, as in dotenv loaders
  let name = wanted;
  for (let n = 2; valueOf.has(name) && valueOf.get(name) !== value; n++) name = `${wanted}_${n}`;
  if (valueOf.get(name) === value) return { name, envFileEdit: 'unchanged', reused: true };
  const anyHolder = entries.find((e) => e.value === value);
  if (anyHolder) return { name: anyHolder.key, envFileEdit: 'unchanged', reused: true };
  return { name, envFileEdit: { newText: appendLine(envText ?? '', `${name}=${quoteDotenvValue(value)}`) }, reused: false };
}

/** `text` plus `line`, with a newline added first when the text does not end with one. */
export function appendLine(text: string, line: string): string {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const sep = text.length === 0 || text.endsWith('\n') ? '' : eol;
  return `${text}${sep}${line}${eol}`;
}
