// Picks the environment variable name for a secret from the code around it.

/** Names that say nothing about the secret; the rule's suggestion is better. */
const VAGUE = new Set([
  'value', 'val', 'v', 'data', 'default', 'x', 's', 'str', 'string', 'content', 'text', 'arg', 'args', 'result',
  'ret', 'tmp', 'temp', 'item', 'entry', 'env', 'environment', 'var', 'const', 'let', 'export', 'set', 'run', 'echo',
  'args', 'param', 'params', 'body', 'headers', 'header', 'options', 'opts', 'config', 'settings', 'with', 'secret_value',
]);

/** Variables a shell or OS already uses; overwriting them would break things. */
const RESERVED = new Set([
  'PATH', 'HOME', 'USER', 'SHELL', 'PWD', 'TERM', 'LANG', 'TMP', 'TEMP', 'TMPDIR', 'HOSTNAME', 'UID', 'IFS', 'PS1',
  'LOGNAME', 'OLDPWD', 'SHLVL', 'NODE_ENV', 'PYTHONPATH', 'GOPATH', 'JAVA_HOME',
]);

/** Names that describe a container of the secret (a URL, a header) rather than the secret itself. */
const CONTAINER = /(url|uri|dsn|href|src|endpoint|conn(ection)?(_?str(ing)?)?|authorization|header|cmd|command|script|run|line|args?)$/i;

/** `apiKey`, `api-key`, `spring.datasource.password`, `$jira_token` → `API_KEY`, ..., `JIRA_TOKEN`. */
export function toUpperSnake(name: string): string {
  const snake = name
    .replace(/^[$@]+/, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .toUpperCase();
  return /^[0-9]/.test(snake) ? `SECRET_${snake}` : snake;
}

/** The assigned name or key right before `literalStart` on its line (`jira_token = `, `apiKey:`, `"password":`). */
export function contextName(text: string, literalStart: number): string | undefined {
  const lineStart = text.lastIndexOf('\n', literalStart - 1) + 1;
  const before = text.slice(lineStart, literalStart);
  const patterns: RegExp[] = [
    // typed declarations whose type sits between name and `=`: `var token string =`
    /\b([A-Za-z_]\w*)\s*:?\s+(?:string|String|str|&str|&'static str)\s*=\s*$/,
    // "key": / 'key' => / ["key"] = / key: / key = / key := / $key = / key: Type = / --key=
    /["'`]([\w.-]+)["'`]\s*\]?\s*(?:=>|:=|[:=]|\+=|\?\?=|\|\|=)\s*$/,
    /([A-Za-z_$@][\w$@.-]*)\s*(?::\s*[\w.[\]|<>?, &']+?)?\s*(?:=>|:=|\?\?=|\|\|=|<-|[:=])\s*$/,
    // setter / constructor keyword: setApiKey( ... ), Client(api_key= handled above
    /\bset([A-Z]\w*)\s*\(\s*$/,
  ];
  for (const re of patterns) {
    const m = re.exec(before);
    if (!m?.[1]) continue;
    const parts = m[1].split('.').filter((p) => p && !/^(self|this|process|env|os|ENV|config|settings)$/i.test(p));
    const raw = parts.join('_');
    if (!raw) continue;
    return raw;
  }
  return undefined;
}

/** The name a YAML sibling `name:` gives a `value:` line (Kubernetes and CI env lists). */
function siblingName(text: string, literalStart: number): string | undefined {
  const lineStart = text.lastIndexOf('\n', literalStart - 1) + 1;
  if (!/^\s*(-\s*)?value\s*:\s*$/.test(text.slice(lineStart, literalStart))) return undefined;
  const prevLines = text.slice(Math.max(0, lineStart - 300), lineStart).split('\n').slice(-4);
  for (const line of prevLines.reverse()) {
    const m = /^\s*(?:-\s*)?(?:name|key)\s*:\s*["']?([\w.-]+)["']?\s*$/.exec(line);
    if (m?.[1]) return m[1];
  }
  return undefined;
}

/** The best variable name: context name unless vague, a container (URL/header) for an embedded secret, or reserved. */
export function suggestName(text: string, literalStart: number, ruleEnvVar: string, embedded: boolean): string {
  const fallback = toUpperSnake(ruleEnvVar || 'SECRET') || 'SECRET';
  const found = siblingName(text, literalStart) ?? contextName(text, literalStart);
  if (!found) return fallback;
  const last = found.split(/[._-]/).pop() ?? found;
  if (VAGUE.has(found.toLowerCase()) || VAGUE.has(last.toLowerCase()) && found.length === last.length) return fallback;
  if (embedded && CONTAINER.test(found)) return fallback;
  const name = toUpperSnake(found);
  if (!name || RESERVED.has(name) || name.length < 2) return fallback;
  return name;
}
