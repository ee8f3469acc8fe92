import * as vscode from 'vscode';
import type { Finding } from '../core';
import type { CommitStatus, CommittedTracker } from './committed';
import { committedText, findingRange } from './diagnostics';
import type { WorkspaceFindings } from './workspaceFindings';

/** The view's id in package.json (`contributes.views.leakless`). */
export const FINDINGS_VIEW_ID = 'leakless.findings';

/** How the tree groups findings. */
export type Grouping = 'file' | 'type';

/** A finding in the tree. `ruleId` lets the rule's commands take the node as their argument. */
export interface FindingNode {
  kind: 'finding';
  uri: vscode.Uri;
  finding: Finding;
  ruleId: string;
  committed: CommitStatus | undefined;
}

/** A group: a file, or a type of secret. */
export interface GroupNode {
  kind: 'file' | 'type';
  id: string;
  label: string;
  uri?: vscode.Uri;
  children: FindingNode[];
}

export type ViewNode = GroupNode | FindingNode;

/** Findings grouped by file or by type of secret, with counts; a finding opens its range when clicked. */
export class FindingsTreeProvider implements vscode.TreeDataProvider<ViewNode> {
  private readonly changed = new vscode.EventEmitter<ViewNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  grouping: Grouping = 'file';

  constructor(
    private readonly results: WorkspaceFindings,
    private readonly committed: CommittedTracker,
  ) {}

  refresh(): void {
    this.changed.fire(undefined);
  }

  getChildren(node?: ViewNode): ViewNode[] {
    if (node) return node.kind === 'finding' ? [] : node.children;
    const groups = new Map<string, GroupNode>();
    for (const file of this.results.current()) {
      for (const finding of file.findings) {
        const leaf: FindingNode = {
          kind: 'finding', uri: file.uri, finding, ruleId: finding.ruleId,
          committed: this.committed.status(file.uri, finding.fingerprint),
        };
        const id = this.grouping === 'file' ? `file:${file.uri.toString()}` : `type:${finding.ruleId}`;
        let group = groups.get(id);
        if (!group) {
          group = this.grouping === 'file'
            ? { kind: 'file', id, label: describeUri(file.uri), uri: file.uri, children: [] }
            : { kind: 'type', id, label: finding.name, children: [] };
          groups.set(id, group);
        }
        group.children.push(leaf);
      }
    }
    const list = [...groups.values()];
    if (this.grouping === 'type') list.sort((a, b) => a.label.localeCompare(b.label));
    return list;
  }

  getTreeItem(node: ViewNode): vscode.TreeItem {
    if (node.kind !== 'finding') {
      const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.Expanded);
      item.id = `${this.grouping}:${node.id}`;
      const n = node.children.length;
      const committed = node.children.filter((c) => c.committed).length;
      item.description = committed > 0 ? `${n} · ${committed} committed` : `${n}`;
      item.tooltip = `${n === 1 ? '1 secret' : `${n} secrets`}${committed > 0 ? `, ${committed} already committed — rotate` : ''}`;
      item.contextValue = node.kind === 'file' ? 'leakless.fileGroup' : 'leakless.typeGroup';
      if (node.kind === 'file' && node.uri) {
        item.resourceUri = node.uri;
        item.iconPath = vscode.ThemeIcon.File;
      } else item.iconPath = new vscode.ThemeIcon('key');
      return item;
    }
    const f = node.finding;
    const line = f.range.start.line + 1;
    const item = new vscode.TreeItem(f.masked, vscode.TreeItemCollapsibleState.None);
    item.id = `${this.grouping}:${node.uri.toString()}#${f.fingerprint}@${f.start}`;
    const where = this.grouping === 'file' ? `${f.name} · line ${line}` : `${describeUri(node.uri)}:${line}`;
    item.description = node.committed ? `${where} · ${committedText(node.committed)}` : where;
    const tip = new vscode.MarkdownString(undefined, true);
    tip.appendMarkdown(`**${f.name}** \`${f.masked}\`\n\n${describeUri(node.uri)}, line ${line} · ${f.confidence} confidence · rule \`${f.ruleId}\``);
    if (node.committed) tip.appendMarkdown(`\n\n$(git-commit) **${committedText(node.committed)}**`);
    item.tooltip = tip;
    item.iconPath = node.committed
      ? new vscode.ThemeIcon('error', new vscode.ThemeColor('list.errorForeground'))
      : new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground'));
    item.contextValue = node.committed ? 'leakless.finding.committed' : 'leakless.finding';
    item.command = { command: 'vscode.open', title: 'Reveal the secret', arguments: [node.uri, { selection: findingRange(f) }] };
    item.accessibilityInformation = { label: `${f.name} ${f.masked}, ${where}` };
    return item;
  }

  getParent(): undefined {
    return undefined;
  }

  dispose(): void {
    this.changed.dispose();
  }
}

/** A file as shown in the tree: relative to its workspace folder (with the folder name in a multi-root workspace). */
export function describeUri(uri: vscode.Uri): string {
  return uri.scheme === 'file' ? vscode.workspace.asRelativePath(uri) : uri.path || uri.toString();
}

/** The Leakless view: the tree, its badge, the grouping context key, and the "scanned" key for the welcome view. */
export class FindingsView implements vscode.Disposable {
  readonly provider: FindingsTreeProvider;
  private readonly tree: vscode.TreeView<ViewNode>;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly results: WorkspaceFindings,
    committed: CommittedTracker,
    private readonly memento: vscode.Memento,
  ) {
    this.provider = new FindingsTreeProvider(results, committed);
    this.provider.grouping = memento.get<Grouping>('leakless.grouping') === 'type' ? 'type' : 'file';
    this.tree = vscode.window.createTreeView(FINDINGS_VIEW_ID, { treeDataProvider: this.provider, showCollapseAll: true });
    this.disposables.push(this.tree, this.provider, results.onDidChange(() => this.update()));
    this.update();
  }

  /** Groups by file or by type of secret (remembered per workspace). */
  setGrouping(grouping: Grouping): void {
    this.provider.grouping = grouping;
    void this.memento.update('leakless.grouping', grouping);
    this.update();
  }

  /** Reveals a finding's secret in an editor (for the inline Fix action). */
  static async reveal(node: FindingNode): Promise<vscode.TextEditor> {
    const editor = await vscode.window.showTextDocument(node.uri, { selection: findingRange(node.finding), preview: false });
    editor.revealRange(findingRange(node.finding), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    return editor;
  }

  private update(): void {
    const total = this.results.total();
    this.tree.badge = total > 0 ? { value: total, tooltip: total === 1 ? '1 hardcoded secret' : `${total} hardcoded secrets` } : undefined;
    void vscode.commands.executeCommand('setContext', 'leakless.grouping', this.provider.grouping);
    void vscode.commands.executeCommand('setContext', 'leakless.scanned', this.results.scanned);
    this.provider.refresh();
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}

/** True when a command argument is a finding node of the view. */
export function isFindingNode(x: unknown): x is FindingNode {
  return typeof x === 'object' && x !== null && (x as { kind?: unknown }).kind === 'finding' && (x as { uri?: unknown }).uri instanceof vscode.Uri;
}
