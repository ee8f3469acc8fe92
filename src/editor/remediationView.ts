import * as vscode from 'vscode';
import { renderRemediationGuide } from '../fixes';
import type { RuleHost } from './ruleHost';

/** The read-only scheme of remediation guides: `leakless-guide:/<rule-id>.md`. */
export const GUIDE_SCHEME = 'leakless-guide';

/** Serves each rule's remediation guide as a read-only Markdown document (never dirty, never saved). */
export function registerRemediationView(rules: RuleHost): vscode.Disposable {
  const provider: vscode.TextDocumentContentProvider = {
    provideTextDocumentContent(uri) {
      const ruleId = decodeURIComponent(uri.path.replace(/^\//, '').replace(/\.md$/, ''));
      const rule = rules.engine.rule(ruleId);
      return renderRemediationGuide(rule, { ruleId, ...(rule ? { name: rule.name, provider: rule.provider } : {}) });
    },
  };
  return vscode.workspace.registerTextDocumentContentProvider(GUIDE_SCHEME, provider);
}

/** The guide's URI for a rule. */
export function guideUri(ruleId: string): vscode.Uri {
  return vscode.Uri.from({ scheme: GUIDE_SCHEME, path: `/${encodeURIComponent(ruleId)}.md` });
}

/** Opens the remediation guide for a rule in a Markdown preview (the source if the preview is unavailable). */
export async function showRemediation(ruleId: string): Promise<void> {
  const uri = guideUri(ruleId);
  try {
    await vscode.commands.executeCommand('markdown.showPreview', uri);
  } catch {
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), { preview: true });
  }
}
