/** One pending timer per key (a document's URI): scheduling again replaces the waiting call. */
export class KeyedTimers {
  private readonly timers = new Map<string, NodeJS.Timeout>();

  /** Runs `fn` after `delay` ms unless the key is scheduled again or cancelled first. */
  schedule(key: string, delay: number, fn: () => void): void {
    this.cancel(key);
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        fn();
      }, delay),
    );
  }

  cancel(key: string): void {
    const pending = this.timers.get(key);
    if (pending) clearTimeout(pending);
    this.timers.delete(key);
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
  }
}
