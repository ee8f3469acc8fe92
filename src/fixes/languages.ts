// Which fix dialect a document gets, from its VS Code language id refined by its file name.

/** The dialects the planners know. `none` = no lookup syntax (JSON, plain text, .env, ...). */
export type FixLanguage =
  | 'javascript' | 'typescript' | 'python' | 'go' | 'java' | 'kotlin' | 'csharp' | 'ruby' | 'php' | 'rust'
  | 'shell' | 'dockerfile' | 'powershell' | 'yaml' | 'properties' | 'terraform'
  | 'json' | 'dotenv' | 'css' | 'html' | 'markdown' | 'xml' | 'sql' | 'lua' | 'c' | 'ini' | 'toml' | 'plaintext';

const BY_ID: Readonly<Record<string, FixLanguage>> = {
  javascript: 'javascript', javascriptreact: 'javascript', typescript: 'typescript', typescriptreact: 'typescript',
  python: 'python', go: 'go', java: 'java', kotlin: 'kotlin', csharp: 'csharp', ruby: 'ruby', php: 'php',
  rust: 'rust', shellscript: 'shell', bash: 'shell', sh: 'shell', zsh: 'shell', dockerfile: 'dockerfile',
  powershell: 'powershell', yaml: 'yaml', 'github-actions-workflow': 'yaml', dockercompose: 'yaml',
  properties: 'properties', 'java-properties': 'properties', 'spring-boot-properties': 'properties',
  terraform: 'terraform', hcl: 'terraform', json: 'json', jsonc: 'json', json5: 'json', dotenv: 'dotenv',
  css: 'css', scss: 'css', less: 'css', html: 'html', markdown: 'markdown', xml: 'xml', sql: 'sql', lua: 'lua',
  c: 'c', cpp: 'c', ini: 'ini', toml: 'toml', plaintext: 'plaintext',
};

const BY_EXT: readonly [RegExp, FixLanguage][] = [
  [/\.(m?js|cjs|jsx)$/i, 'javascript'], [/\.(m?ts|cts|tsx)$/i, 'typescript'], [/\.pyw?$/i, 'python'],
  [/\.go$/i, 'go'], [/\.java$/i, 'java'], [/\.kts?$/i, 'kotlin'], [/\.cs$/i, 'csharp'],
  [/(\.rb|\.rake|Gemfile|Rakefile)$/i, 'ruby'], [/\.php$/i, 'php'], [/\.rs$/i, 'rust'],
  [/(\.(sh|bash|zsh|ksh)|\/\.(bashrc|zshrc|profile))$/i, 'shell'], [/(^|\/)(Dockerfile|Containerfile)(\.[\w.-]+)?$|\.dockerfile$/i, 'dockerfile'],
  [/\.ps[dm]?1$/i, 'powershell'], [/\.ya?ml$/i, 'yaml'], [/\.properties$/i, 'properties'],
  [/\.(tf|tfvars|hcl)$/i, 'terraform'], [/\.json[c5]?$/i, 'json'], [/(^|\/)\.env(\.[\w.-]+)?$|\.env$/i, 'dotenv'],
  [/\.(s?css|less)$/i, 'css'], [/\.html?$/i, 'html'], [/\.(md|markdown)$/i, 'markdown'], [/\.(xml|csproj|config)$/i, 'xml'],
  [/\.sql$/i, 'sql'], [/\.lua$/i, 'lua'], [/\.(c|h|cc|cpp|hpp)$/i, 'c'], [/\.(ini|cfg|conf)$/i, 'ini'],
  [/\.toml$/i, 'toml'],
];

/** Normalises a path to forward slashes. */
export function slashPath(fileName: string): string {
  return fileName.replace(/\\/g, '/');
}

/** The dialect of a document; the file name wins over generic ids (plaintext, properties for .env, ...). */
export function resolveLanguage(languageId: string, fileName: string): FixLanguage {
  const path = slashPath(fileName);
  const byExt = BY_EXT.find(([re]) => re.test(path))?.[1];
  if (byExt === 'dotenv') return 'dotenv';
  const byId = BY_ID[languageId.toLowerCase()];
  if (byId && byId !== 'plaintext' && byId !== 'properties' && byId !== 'ini') return byId;
  return byExt ?? byId ?? 'plaintext';
}

/** The flavour of a YAML file, which decides how a secret is referenced. */
export type YamlFlavour = 'github-actions' | 'compose' | 'spring' | 'kubernetes' | 'generic';

/** Tells GitHub workflows, Compose files, Spring config and Kubernetes manifests apart. */
export function yamlFlavour(fileName: string, text: string): YamlFlavour {
  const path = slashPath(fileName);
  if (/(^|\/)\.github\/workflows\/[^/]+\.ya?ml$/i.test(path) || /(^|\/)action\.ya?ml$/i.test(path)) return 'github-actions';
  if (/(^|\/)(docker-)?compose[\w.-]*\.ya?ml$/i.test(path)) return 'compose';
  if (/(^|\/)(application|bootstrap)(-[\w.-]+)?\.ya?ml$/i.test(path)) return 'spring';
  if (/^apiVersion:/m.test(text) && /^kind:/m.test(text)) return 'kubernetes';
  if (/^services:\s*$/m.test(text) && /^\s+image:/m.test(text)) return 'compose';
  return 'generic';
}

/** True for .mjs/.mts files and sources that use `import`/`export` statements at the top level. */
export function isEsModule(fileName: string, text: string): boolean {
  const path = slashPath(fileName);
  if (/\.(mjs|mts)$/i.test(path)) return true;
  if (/\.(cjs|cts)$/i.test(path)) return false;
  return /^\s*(import\s+[\w*{"'$]|export\s+(\{|\*|default\b|const\b|let\b|var\b|function\b|class\b|async\b|interface\b|type\b))/m.test(text);
}
