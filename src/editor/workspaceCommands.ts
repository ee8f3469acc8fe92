import * as vscode from 'vscode';
import { CommandId } from './commandIds';
import { exportReport } from './exportReport';
import { FindingsView, isFindingNode } from './findingsView';
import type { LiveScanner } from './liveScanner';
import type { WorkspaceScan } from './workspaceScan';

/** The commands of the workspace scan and the Leakless view (registered by commands.ts with the others). */
export type WorkspaceCommandId =
  | typeof CommandId.scanWorkspace
  | typeof CommandId.scanCurrentFile
  | typeof CommandId.clearResults
  | typeof CommandId.exportReport
  | typeof CommandId.groupByFile
  | typeof CommandId.groupByType
  | typeof CommandId.fixFinding;

/** Handlers for the workspace commands. */
export function workspaceCommandHandlers(
  workspace: WorkspaceScan, live: LiveScanner,
): Record<WorkspaceCommandId, (...args: unknown[]) => unknown> {
  return {
    // An optional CancellationToken lets callers (and tests) cancel as the notification's button does.
    [CommandId.scanWorkspace]: (token?: unknown) =>
      workspace.scan(isCancellationToken(token) ? { token } : {}),
    [CommandId.scanCurrentFile]: (arg?: unknown) => scanCurrentFile(workspace, live, arg),
    [CommandId.clearResults]: () => workspace.clear(),
    [CommandId.exportReport]: (format?: unknown, target?: unknown) => exportReport(workspace.exportDeps, format, target),
    [CommandId.groupByFile]: () => workspace.view.setGrouping('file'),
    [CommandId.groupByType]: () => workspace.view.setGrouping('type'),
    [CommandId.fixFinding]: async (node?: unknown) => {
      if (!isFindingNode(node)) return;
      await FindingsView.reveal(node);
      await vscode.commands.executeCommand('editor.action.quickFix');
    },
  };
}

/** Scans the active editor's document now (or a file chosen in the Explorer) and says what was found. */
async function scanCurrentFile(workspace: WorkspaceScan, live: LiveScanner, arg: unknown): Promise<number | undefined> {
  const uri = arg instanceof vscode.Uri ? arg : vscode.window.activeTextEditor?.document.uri;
  if (!uri) {
    void vscode.window.showInformationMessage('Leakless: open a file to scan it.');
    return undefined;
  }
  const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  let count: number;
  if (doc) {
    live.scan(doc);
    count = workspace.results.current().find((f) => f.uri.toString() === uri.toString())?.findings.length ?? 0;
  } else {
    const summary = await workspace.scanner.scanUris([uri]);
    count = summary.findings;
    if (summary.skippedBinary + summary.skippedTooLarge + summary.skippedUnreadable > 0) {
      void vscode.window.showInformationMessage(`Leakless: ${vscode.workspace.asRelativePath(uri)} was not scanned (binary, too large or unreadable).`);
      return 0;
    }
  }
  const name = uri.scheme === 'file' ? vscode.workspace.asRelativePath(uri) : uri.toString();
  void vscode.window.showInformationMessage(
    count === 0 ? `Leakless: no secrets in ${name}.` : `Leakless: ${count === 1 ? '1 secret' : `${count} secrets`} in ${name}.`,
  );
  return count;
}

function isCancellationToken(x: unknown): x is vscode.CancellationToken {
  return typeof x === 'object' && x !== null && typeof (x as { onCancellationRequested?: unknown }).onCancellationRequested === 'function';
}
