// The remediation guide shown for a finding: Markdown built from the rule's remediation, or a careful generic one.
import type { RuleSpec } from '../core/types';

/** What the guide may say about the finding itself (never the raw secret). */
export interface GuideFinding {
  ruleId: string;
  name?: string;
  provider?: string;
  /** The masked secret, as in Finding.masked. */
  masked?: string;
  fileName?: string;
  /** One-based line number. */
  line?: number;
}

const GENERIC = {
  what: 'This looks like a credential: a value that lets whoever holds it act as a user, a service or a machine.',
  risk: 'Anyone who can read this file, its history, a fork, a backup, a build log or a package built from it can use the credential until it is revoked. Removing it from the latest version does not remove it from version-control history.',
  rotate: [
    'Find out what the credential belongs to: the service, the account, and who owns it.',
    'Create a replacement in that service, with the narrowest permissions and the shortest lifetime that still work.',
    'Update every consumer: deployments, CI variables, teammates\' local settings, scheduled jobs.',
    'Revoke or delete the old value, and confirm that nothing still depends on it.',
  ],
  misuse: 'Read the service\'s access or audit log for the period since the value was first committed: unknown IP addresses, new API clients, unusual volumes, resources you did not create. If you cannot tell, assume it was used.',
  prevention: 'Keep credentials in environment variables, a git-ignored .env file or a secrets manager; scan before committing (a pre-commit hook or CI step running the Leakless CLI).',
};

const md = (s: string): string => s.replace(/[<>]/g, (c) => (c === '<' ? '&lt;' : '&gt;'));
const code = (s: string): string => {
  const ticks = /`+/g.exec(s)?.[0].length ?? 0;
  const fence = '`'.repeat(ticks + 1);
  return `${fence}${ticks ? ' ' : ''}${s}${ticks ? ' ' : ''}${fence}`;
};

/** Markdown for the "How to fix" guide of one finding. */
export function renderRemediationGuide(rule: RuleSpec | undefined, finding: GuideFinding): string {
  const r = rule?.remediation;
  const title = rule?.name ?? finding.name ?? 'Possible secret';
  const provider = rule?.provider ?? finding.provider;
  const out: string[] = [`# ${md(title)}${provider && !title.includes(provider) ? ` (${md(provider)})` : ''}`, ''];
  const where = [finding.fileName ? `in ${code(finding.fileName)}${finding.line ? ` line ${finding.line}` : ''}` : '', finding.masked ? `value ${code(finding.masked)}` : '']
    .filter(Boolean).join(', ');
  out.push(`Rule ${code(finding.ruleId)}${where ? ` found this ${where}` : ''}.`, '');
  if (!r || !r.what) out.push('> No specific guidance exists for this kind of secret; the steps below apply to any credential.', '');

  out.push('## What it is', '', md(r?.what || GENERIC.what), '');
  out.push('## Why it matters', '', md(r?.risk || GENERIC.risk), '');
  out.push('## Rotate it', '', 'Treat the value as exposed: moving it out of the code does not undo the leak.', '');
  const steps = r?.rotate.length ? r.rotate : GENERIC.rotate;
  steps.forEach((s, i) => out.push(`${i + 1}. ${md(s)}`));
  out.push('');
  if (r?.rotate.length) {
    out.push('Whatever the service, keep this order: create the new value, update every place that uses it, then revoke the old one.', '');
  }
  if (r?.revoke) out.push('## Revoke the old value', '', md(r.revoke), '');
  out.push('## Check for misuse', '', md(r?.misuse || GENERIC.misuse), '');
  out.push('## Prevent it next time', '', md(r?.prevention || GENERIC.prevention), '');
  out.push('## Get it out of the code', '',
    '- Use the quick fix **Replace with an environment variable** (the value moves to your git-ignored `.env`) or **Read it from a secrets manager**.',
    '- Rewriting git history (git filter-repo, BFG) removes the old value from the repository, but copies that were already cloned keep it: rotation is the fix that counts.', '');
  if (r?.docs) out.push(`Documentation: [${md(r.docs)}](${r.docs})`, '');
  return out.join('\n').replace(/\n+$/, '\n');
}
