import * as vscode from 'vscode';
import type { RuleSpec } from '../core';

/** Renders a rule's remediation as Markdown. */
export function remediationMarkdown(rule: RuleSpec): string {
  const r = rule.remediation;
  const lines = [
    `# ${rule.name}`,
    '',
    `Rule \`${rule.id}\` · provider ${rule.provider}`,
    '',
    '## What it is',
    '',
    r.what,
    '',
    '## The risk',
    '',
    r.risk,
    '',
    '## Rotate it',
    '',
    ...r.rotate.map((s, i) => `${i + 1}. ${s}`),
    '',
  ];
  if (r.revoke) lines.push('## Revoke the old one', '', r.revoke, '');
  lines.push('## Check for misuse', '', r.misuse, '');
  if (r.prevention) lines.push('## Prevent it next time', '', r.prevention, '');
  if (r.docs) lines.push('## Documentation', '', r.docs, '');
  return lines.join('\n');
}

/** Opens the remediation guide for a rule in a Markdown preview. */
export async function showRemediation(rule: RuleSpec): Promise<void> {
  const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: remediationMarkdown(rule) });
  await vscode.commands.executeCommand('markdown.showPreview', doc.uri);
}
