/** Every command the extension contributes, in one place (registered in commands.ts). */
export const CommandId = {
  showRemediation: 'leakless.showRemediation',
  showOutput: 'leakless.showOutput',
  rescanOpenEditors: 'leakless.rescanOpenEditors',
} as const;

export type CommandIdValue = (typeof CommandId)[keyof typeof CommandId];
