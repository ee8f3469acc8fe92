// Temporary Git repositories for the git unit tests (plain git CLI; secrets only in files and stdin, never argv).
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** A throw-away repository with an identity, removed by `remove()`. */
export class TempRepo {
  readonly dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leakless-git-'));

  constructor(init = true) {
    if (init) {
      this.git('init', '-q', '-b', 'main');
      this.git('config', 'user.email', 'test@example.test');
      this.git('config', 'user.name', 'Leakless Test');
      this.git('config', 'commit.gpgsign', 'false');
    }
  }

  git(...args: string[]): string {
    return execFileSync('git', args, { cwd: this.dir, encoding: 'utf8', env: { ...process.env, GIT_TERMINAL_PROMPT: '0' } });
  }

  write(rel: string, text: string): string {
    const abs = path.join(this.dir, rel);
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    fs.writeFileSync(abs, text);
    return abs;
  }

  /** Commits everything; returns the short sha. */
  commit(message: string): string {
    this.git('add', '-A');
    this.git('commit', '-q', '--allow-empty', '-m', message);
    return this.git('rev-parse', '--short=7', 'HEAD').trim();
  }

  remove(): void {
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}
