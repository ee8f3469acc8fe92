/** Every command the extension contributes, in one place (registered in commands.ts). */
export const CommandId = {
  showRemediation: 'leakless.showRemediation',
  showOutput: 'leakless.showOutput',
  rescanOpenEditors: 'leakless.rescanOpenEditors',
  scanWorkspace: 'leakless.scanWorkspace',
  scanCurrentFile: 'leakless.scanCurrentFile',
  clearResults: 'leakless.clearResults',
  exportReport: 'leakless.exportReport',
  groupByFile: 'leakless.groupByFile',
  groupByType: 'leakless.groupByType',
  fixFinding: 'leakless.fixFinding',
  disableRule: 'leakless.disableRule',
  afterFix: 'leakless.afterFix',
  applyEnvFix: 'leakless.applyEnvFix',
  applyDocumentFix: 'leakless.applyDocumentFix',
  reloadRules: 'leakless.reloadRules',
  installHook: 'leakless.installHook',
} as const;

export type CommandIdValue = (typeof CommandId)[keyof typeof CommandId];
