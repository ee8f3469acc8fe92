// Builds the extension and the CLI bundles, with the validated built-in rules embedded in both.
// Usage: node esbuild.js [--production] [--watch] [--cli]
const esbuild = require('esbuild');
const path = require('node:path');
const fs = require('node:fs');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const cliOnly = process.argv.includes('--cli');
const rulesDir = path.join(__dirname, 'rules');

/**
 * Bundles the rule loader in memory, so that this script validates rules with exactly the engine's own code; each
 * rule also gets the engine's search hints (reach, anchors), so that starting the engine does not work them out.
 */
let rulesPromise;
function loadRules() {
  rulesPromise ??= (async () => {
    const filename = path.join(__dirname, 'src', 'rulesAtBuild.ts');
    const result = await esbuild.build({
      stdin: {
        contents: "export { loadRuleDir } from './node/ruleFiles'; export { searchHintsOf } from './core/compile';",
        resolveDir: path.join(__dirname, 'src'), sourcefile: filename, loader: 'ts',
      },
      bundle: true, platform: 'node', format: 'cjs', target: 'node20', write: false, logLevel: 'silent',
    });
    const mod = new module.constructor(filename);
    mod.paths = module.paths;
    mod._compile(result.outputFiles[0].text, filename);
    return mod.exports.loadRuleDir(rulesDir, __dirname).map((rule) => ({ ...rule, search: mod.exports.searchHintsOf(rule) }));
  })();
  return rulesPromise;
}

/** Serves `import rules from 'leakless:builtin-rules'` with the validated rules as JSON. */
const builtinRulesPlugin = {
  name: 'leakless-builtin-rules',
  setup(build) {
    build.onResolve({ filter: /^leakless:builtin-rules$/ }, () => ({ path: 'builtin-rules', namespace: 'leakless' }));
    build.onLoad({ filter: /.*/, namespace: 'leakless' }, async () => {
      if (watch) rulesPromise = undefined;
      const rules = await loadRules();
      return {
        // Examples are for the tests only. The rest is base64 so that secret scanners (vsce's own among them) do not
        // mistake the rules' regexes and remediation text for leaked secrets.
        contents: `export default JSON.parse(Buffer.from(${JSON.stringify(
          Buffer.from(JSON.stringify(rules.map(({ examples, ...rest }) => ({ ...rest, examples: { positive: [], negative: [] } })))).toString('base64'),
        )}, 'base64').toString('utf8'));`,
        loader: 'js',
        watchFiles: fs.readdirSync(rulesDir).map((f) => path.join(rulesDir, f)),
      };
    });
  },
};

const common = {
  bundle: true, platform: 'node', format: 'cjs', target: 'node20', sourcemap: !production, minify: production,
  sourcesContent: false, logLevel: 'warning', plugins: [builtinRulesPlugin], legalComments: 'none',
};

const targets = [
  { ...common, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
];
if (!cliOnly) targets.push({ ...common, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] });
// The workspace scan's worker thread, with the built-in rules embedded like the extension.
if (!cliOnly) targets.push({ ...common, entryPoints: ['src/node/scanWorker.ts'], outfile: 'dist/scanWorker.js' });

async function main() {
  try {
    await loadRules();
  } catch (e) {
    console.error(`Invalid rules in ${path.relative(process.cwd(), rulesDir) || 'rules'}/:\n${e.message}`);
    process.exit(1);
  }
  if (watch) {
    for (const t of targets) await (await esbuild.context(t)).watch();
    return;
  }
  await Promise.all(targets.map((t) => esbuild.build(t)));
  fs.chmodSync(path.join(__dirname, 'dist', 'cli.js'), 0o755);
}

main().catch((e) => {
  const detail = e && e.errors ? e.errors.map((x) => x.text).join('\n') : String(e && e.message ? e.message : e);
  console.error(`build failed:\n${detail}`);
  process.exit(1);
});
