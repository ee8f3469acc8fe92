import * as vscode from 'vscode';
import { Engine, type EngineBudget, type RuleSpec } from '../core';

/** Holds the engine over the current rule set; fires when the rules change so that documents are re-scanned. */
export class RuleHost implements vscode.Disposable {
  private current: Engine | undefined;
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;

  constructor(
    private rules: readonly RuleSpec[],
    private readonly budget: EngineBudget = {},
  ) {}

  /** The engine, compiled on first use so that activation stays cheap. */
  get engine(): Engine {
    this.current ??= new Engine(this.rules, this.budget);
    return this.current;
  }

  /** Replaces the rule set (built-in plus custom rules) and re-compiles lazily. */
  setRules(rules: readonly RuleSpec[]): void {
    this.rules = rules;
    this.current = undefined;
    this.changed.fire();
  }

  dispose(): void {
    this.changed.dispose();
  }
}
