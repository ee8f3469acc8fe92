import * as vscode from 'vscode';
import { checkRuleSet, parseRuleFile, type RuleError, type RuleSpec } from '../core';
import type { LeaklessConfig } from './config';
import type { Log } from './log';
import type { RuleHost } from './ruleHost';

/** Where a workspace keeps its own rules, relative to each workspace folder. */
export const WORKSPACE_RULE_GLOBS = ['.leakless/rules.yaml', '.leakless/rules.yml', '.leakless/rules/*.yaml', '.leakless/rules/*.yml'];

/** What the custom-rule loader needs. */
export interface CustomRuleDeps {
  rules: RuleHost;
  builtinRules: readonly RuleSpec[];
  log: Log;
  config: () => LeaklessConfig;
  onConfigChange: vscode.Event<void>;
}

/**
 * Loads the workspace's own rules (.leakless/rules.yaml, .leakless/rules/*.yaml, leakless.rulesPath) next to the
 * built-in ones: validated like them plus a backtracking check; problems are shown on the rule file itself. In an
 * untrusted workspace nothing is loaded and the user is told why.
 */
export class CustomRules implements vscode.Disposable {
  private readonly problems = vscode.languages.createDiagnosticCollection('leakless-rules');
  private readonly disposables: vscode.Disposable[] = [];
  private toldUntrusted = false;
  private loading: Promise<void> | undefined;
  private again = false;
  private applied = '[]';

  constructor(private readonly deps: CustomRuleDeps) {
    const reload = (): void => void this.schedule();
    for (const glob of WORKSPACE_RULE_GLOBS) {
      const watcher = vscode.workspace.createFileSystemWatcher(`**/${glob}`);
      this.disposables.push(watcher, watcher.onDidCreate(reload), watcher.onDidChange(reload), watcher.onDidDelete(reload));
    }
    this.disposables.push(
      this.problems,
      deps.onConfigChange(reload),
      vscode.workspace.onDidGrantWorkspaceTrust(reload),
      vscode.workspace.onDidSaveTextDocument((d) => {
        if (/(^|[\\/])\.leakless[\\/]rules(\.ya?ml|[\\/][^\\/]+\.ya?ml)$/.test(d.uri.path)) reload();
      }),
      vscode.workspace.onDidChangeWorkspaceFolders(reload),
    );
    this.schedule();
  }

  /** Loads again (coalescing bursts of file events); resolves when the rules in force are current. */
  schedule(): Promise<void> {
    if (this.loading) {
      this.again = true;
      return this.loading;
    }
    this.loading = (async () => {
      do {
        this.again = false;
        await this.load();
      } while (this.again);
      this.loading = undefined;
    })();
    return this.loading;
  }

  private async load(): Promise<void> {
    const files = await this.ruleFiles();
    this.problems.clear();
    if (files.length === 0) {
      this.apply([]);
      return;
    }
    if (!vscode.workspace.isTrusted) {
      if (!this.toldUntrusted) {
        this.toldUntrusted = true;
        const message = `Leakless: this workspace is not trusted, so its own rules (${files.map((f) => vscode.workspace.asRelativePath(f)).join(', ')}) are not loaded; the built-in rules still run. Trust the workspace to use them.`;
        this.deps.log.warn(message);
        void vscode.window.showWarningMessage(message);
      }
      this.apply([]);
      return;
    }
    const custom: RuleSpec[] = [];
    const errors: Array<{ uri: vscode.Uri; error: RuleError }> = [];
    for (const uri of files) {
      let text: string;
      try {
        text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
      } catch (e) {
        this.deps.log.error(`Could not read ${vscode.workspace.asRelativePath(uri)}: ${(e as Error).message}`);
        continue;
      }
      const result = parseRuleFile(text, vscode.workspace.asRelativePath(uri), { untrusted: true });
      custom.push(...result.rules);
      for (const error of result.errors) errors.push({ uri, error });
    }
    // A custom rule may not reuse a built-in id (or another custom rule's).
    const duplicates = new Set<RuleSpec>();
    for (const error of checkRuleSet([...this.deps.builtinRules, ...custom])) {
      const dup = custom.find((r) => r.id === error.ruleId && r.source.file === error.file && r.source.line === error.line);
      if (dup) {
        duplicates.add(dup);
        const uri = files.find((f) => vscode.workspace.asRelativePath(f) === error.file);
        if (uri) errors.push({ uri, error });
      }
    }
    const byUri = new Map<string, vscode.Diagnostic[]>();
    for (const { uri, error } of errors) {
      const line = Math.max(0, error.line - 1);
      const d = new vscode.Diagnostic(new vscode.Range(line, 0, line, 1000), error.message, vscode.DiagnosticSeverity.Error);
      d.source = 'Leakless rules';
      if (error.field) d.code = error.field;
      byUri.set(uri.toString(), [...(byUri.get(uri.toString()) ?? []), d]);
      this.deps.log.error(error.message);
    }
    for (const [uri, diags] of byUri) this.problems.set(vscode.Uri.parse(uri), diags);
    if (errors.length > 0) {
      void vscode.window.showErrorMessage(
        `Leakless: ${errors.length} problem(s) in your rules, first: ${errors[0]!.error.message}. Those rules are skipped; the others and the built-in rules still run.`,
      );
    }
    const loaded = custom.filter((r) => !duplicates.has(r));
    if (loaded.length > 0) this.deps.log.info(`Loaded ${loaded.length} custom rule(s) from ${files.length} file(s).`);
    this.apply(loaded);
  }

  private apply(custom: readonly RuleSpec[]): void {
    const key = JSON.stringify(custom);
    if (key === this.applied) return;
    this.applied = key;
    this.deps.rules.setRules(custom.length === 0 ? this.deps.builtinRules : [...this.deps.builtinRules, ...custom]);
  }

  /** The rule files of every workspace folder, plus leakless.rulesPath entries (files or folders). */
  private async ruleFiles(): Promise<vscode.Uri[]> {
    const out: vscode.Uri[] = [];
    const seen = new Set<string>();
    const add = (uri: vscode.Uri): void => {
      if (!seen.has(uri.toString())) {
        seen.add(uri.toString());
        out.push(uri);
      }
    };
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      for (const glob of WORKSPACE_RULE_GLOBS) {
        for (const uri of await vscode.workspace.findFiles(new vscode.RelativePattern(folder, glob), null, 200)) add(uri);
      }
      for (const entry of this.deps.config().rulesPath) {
        const uri = /^([A-Za-z]:)?[\\/]/.test(entry) ? vscode.Uri.file(entry) : vscode.Uri.joinPath(folder.uri, entry);
        try {
          const stat = await vscode.workspace.fs.stat(uri);
          if (stat.type & vscode.FileType.Directory) {
            for (const [name, type] of await vscode.workspace.fs.readDirectory(uri)) {
              if (type & vscode.FileType.File && /\.ya?ml$/.test(name)) add(vscode.Uri.joinPath(uri, name));
            }
          } else add(uri);
        } catch {
          this.deps.log.warn(`leakless.rulesPath entry "${entry}" was not found in ${folder.name}.`);
        }
      }
    }
    return out.sort((a, b) => a.toString().localeCompare(b.toString()));
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
