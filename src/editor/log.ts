import * as vscode from 'vscode';

/** The extension's log: the Leakless output channel, plus the latest lines kept for the status and for tests. */
export class Log implements vscode.Disposable {
  private readonly channel = vscode.window.createOutputChannel('Leakless', { log: true });
  private readonly lines: string[] = [];

  info(message: string): void {
    this.keep('info', message);
    this.channel.info(message);
  }

  warn(message: string): void {
    this.keep('warn', message);
    this.channel.warn(message);
  }

  error(message: string): void {
    this.keep('error', message);
    this.channel.error(message);
  }

  trace(message: string): void {
    this.channel.trace(message);
  }

  show(): void {
    this.channel.show(true);
  }

  /** The latest info/warn/error lines, oldest first. Never holds a raw secret (callers pass masked text). */
  recent(): readonly string[] {
    return this.lines;
  }

  private keep(level: string, message: string): void {
    this.lines.push(`[${level}] ${message}`);
    if (this.lines.length > 500) this.lines.splice(0, this.lines.length - 500);
  }

  dispose(): void {
    this.channel.dispose();
  }
}
