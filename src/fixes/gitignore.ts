// "Git-ignore the .env file": one appended line, unless a pattern already covers the file.
import ignore from 'ignore';

/** The new .gitignore text with `envFileRelPath` appended, or 'unchanged' when the file is already ignored. */
export function planGitignore(gitignoreText: string | undefined, envFileRelPath = '.env'): { newText: string } | 'unchanged' {
  const rel = envFileRelPath.replace(/\\/g, '/').replace(/^\.\//, '').replace(/^\/+/, '');
  const text = gitignoreText ?? '';
  if (rel && ignore().add(text).ignores(rel)) return 'unchanged';
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const sep = text.length === 0 || text.endsWith('\n') ? '' : eol;
  return { newText: `${text}${sep}${rel || '.env'}${eol}` };
}
