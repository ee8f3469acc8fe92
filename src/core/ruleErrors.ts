/** A problem in a rule file, located precisely enough for the user to fix it. */
export class RuleError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly ruleId: string | undefined,
    readonly field: string | undefined,
    readonly detail: string,
  ) {
    super(
      `${file}:${line}: ${ruleId ? `rule "${ruleId}"` : 'file'}${field ? `, field "${field}"` : ''}: ${detail}`,
    );
    this.name = 'RuleError';
  }
}

/** Several rule problems at once, so that one build shows all of them. */
export class RuleErrors extends Error {
  constructor(readonly errors: RuleError[]) {
    super(errors.map((e) => e.message).join('\n'));
    this.name = 'RuleErrors';
  }
}
