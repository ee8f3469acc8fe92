import * as vscode from 'vscode';
import { CONFIDENCES, SEVERITIES, type Confidence, type Severity } from '../core';

/** The `leakless.*` settings, read and checked; mirrors contributes.configuration in package.json. */
export interface LeaklessConfig {
  enable: boolean;
  debounceMs: number;
  exclude: string[];
  disabledRules: Set<string>;
  severity: Severity | 'default';
  severityOverrides: Map<string, Severity | 'off'>;
  minConfidence: Confidence;
  maxFileSize: number;
  languages: string[];
  schemes: string[];
  /** leakless.envFile: where env-var fixes keep values, relative to the workspace folder. */
  envFile: string;
  /** leakless.rulesPath: extra rule files or folders (trusted workspaces only). */
  rulesPath: string[];
  /** leakless.git.historyDepth: commits of a file's history searched for an already-committed secret (0 = HEAD only). */
  gitHistoryDepth: number;
  /** leakless.scan.maxWorkers: worker threads of a workspace scan (0 = every core but one). */
  scanMaxWorkers: number;
}

/** A setting whose value could not be used, for one clear message. */
export interface ConfigProblem {
  setting: string;
  detail: string;
}

const DEFAULTS: LeaklessConfig = {
  enable: true,
  debounceMs: 300,
  exclude: [],
  disabledRules: new Set(),
  severity: 'default',
  severityOverrides: new Map(),
  minConfidence: 'low',
  maxFileSize: 1024 * 1024,
  languages: ['*'],
  schemes: ['file', 'untitled', 'vscode-notebook-cell', 'vscode-userdata'],
  envFile: '.env',
  rulesPath: [],
  gitHistoryDepth: 50,
  scanMaxWorkers: 0,
};

/** Reads the settings for a scope; a malformed value falls back to its default and is reported, never thrown. */
export function readConfig(scope?: vscode.ConfigurationScope): { config: LeaklessConfig; problems: ConfigProblem[] } {
  const c = vscode.workspace.getConfiguration('leakless', scope);
  const problems: ConfigProblem[] = [];
  const bad = (key: string, detail: string): void => {
    problems.push({ setting: `leakless.${key}`, detail });
  };
  const bool = (key: string, d: boolean): boolean => {
    const v: unknown = c.get(key);
    if (v === undefined) return d;
    if (typeof v !== 'boolean') {
      bad(key, `expected true or false, got ${JSON.stringify(v)}`);
      return d;
    }
    return v;
  };
  const num = (key: string, d: number, min: number, max: number): number => {
    const v: unknown = c.get(key);
    if (v === undefined) return d;
    if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max) {
      bad(key, `expected a number from ${min} to ${max}, got ${JSON.stringify(v)}`);
      return d;
    }
    return v;
  };
  const strings = (key: string, d: string[]): string[] => {
    const v: unknown = c.get(key);
    if (v === undefined) return d;
    if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) {
      bad(key, `expected a list of strings, got ${JSON.stringify(v)}`);
      return d;
    }
    return v as string[];
  };
  const oneOf = <T extends string>(key: string, allowed: readonly T[], d: T): T => {
    const v: unknown = c.get(key);
    if (v === undefined) return d;
    if (typeof v !== 'string' || !(allowed as readonly string[]).includes(v)) {
      bad(key, `expected one of ${allowed.join(', ')}, got ${JSON.stringify(v)}`);
      return d;
    }
    return v as T;
  };
  const relativePath = (key: string, d: string): string => {
    const v: unknown = c.get(key);
    if (v === undefined) return d;
    if (typeof v !== 'string' || v.trim() === '' || v.startsWith('/') || /^[A-Za-z]:/.test(v) || v.split(/[\\/]/).includes('..')) {
      bad(key, `expected a path inside the workspace folder, such as ".env", got ${JSON.stringify(v)}`);
      return d;
    }
    return v;
  };
  const overrides = new Map<string, Severity | 'off'>();
  const rawOverrides: unknown = c.get('severityOverrides');
  if (rawOverrides !== undefined && rawOverrides !== null) {
    if (typeof rawOverrides !== 'object' || Array.isArray(rawOverrides)) bad('severityOverrides', 'expected an object of rule id → severity');
    else {
      for (const [rule, level] of Object.entries(rawOverrides as Record<string, unknown>)) {
        if (typeof level === 'string' && ([...SEVERITIES, 'off'] as string[]).includes(level)) overrides.set(rule, level as Severity | 'off');
        else bad(`severityOverrides.${rule}`, `expected one of ${[...SEVERITIES, 'off'].join(', ')}, got ${JSON.stringify(level)}`);
      }
    }
  }
  const config: LeaklessConfig = {
    enable: bool('enable', DEFAULTS.enable),
    debounceMs: num('debounceMs', DEFAULTS.debounceMs, 0, 10000),
    exclude: strings('exclude', DEFAULTS.exclude),
    disabledRules: new Set(strings('disabledRules', [])),
    severity: oneOf<Severity | 'default'>('severity', ['default', ...SEVERITIES], DEFAULTS.severity),
    severityOverrides: overrides,
    minConfidence: oneOf<Confidence>('minConfidence', CONFIDENCES, DEFAULTS.minConfidence),
    maxFileSize: num('maxFileSize', DEFAULTS.maxFileSize, 1, 1024 * 1024 * 1024),
    languages: strings('languages', DEFAULTS.languages),
    schemes: strings('schemes', DEFAULTS.schemes),
    envFile: relativePath('envFile', DEFAULTS.envFile),
    rulesPath: strings('rulesPath', DEFAULTS.rulesPath),
    gitHistoryDepth: Math.floor(num('git.historyDepth', DEFAULTS.gitHistoryDepth, 0, 10000)),
    scanMaxWorkers: Math.floor(num('scan.maxWorkers', DEFAULTS.scanMaxWorkers, 0, 64)),
  };
  return { config, problems };
}
