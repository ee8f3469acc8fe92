import * as vscode from 'vscode';
import { CommandId } from './commandIds';
import type { CommittedTracker } from './committed';
import { committedText } from './diagnostics';
import type { FindingsStore } from './findingsStore';
import type { RuleHost } from './ruleHost';

/** Explains a finding under the mouse: type, confidence, why it matters, the first step, and a link to the guide. */
export class FindingHoverProvider implements vscode.HoverProvider {
  constructor(
    private readonly store: FindingsStore,
    private readonly rules: RuleHost,
    private readonly committed?: CommittedTracker,
  ) {}

  provideHover(doc: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const f = this.store.at(doc.uri, position);
    if (!f) return undefined;
    const rule = this.rules.engine.rule(f.ruleId);
    const md = new vscode.MarkdownString(undefined, true);
    md.isTrusted = { enabledCommands: [CommandId.showRemediation] };
    md.appendMarkdown(`**Leakless: ${escape(f.name)}** \`${f.masked}\`\n\n`);
    md.appendMarkdown(`Confidence: **${f.confidence}** · rule \`${f.ruleId}\`\n\n`);
    const committed = this.committed?.status(doc.uri, f.fingerprint);
    if (committed) md.appendMarkdown(`$(git-commit) **${escape(capitalize(committedText(committed)))}:** moving it out of the code is not enough.\n\n`);
    if (rule) {
      md.appendMarkdown(`**Why it matters:** ${escape(rule.remediation.risk)}\n\n`);
      const first = rule.remediation.rotate[0];
      if (first) md.appendMarkdown(`**First step:** ${escape(first)}\n\n`);
    }
    const args = encodeURIComponent(JSON.stringify([f.ruleId]));
    md.appendMarkdown(`[$(book) Show how to remediate](command:${CommandId.showRemediation}?${args})`);
    return new vscode.Hover(md);
  }
}

function escape(text: string): string {
  return text.replace(/[\\`*_{}[\]<>#|]/g, (c) => `\\${c}`);
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
