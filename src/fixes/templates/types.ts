// The shape of a secrets-manager template: data only; the planner fills the `<%slot%>` markers.
import type { SecretsManager } from '../types';

/** An ES import / CommonJS require of named bindings. */
export interface JsImport {
  module: string;
  named: string[];
}

/** One manager in one language. */
export interface ManagerTemplate {
  /** Import lines (Python, Java, C#, Ruby), Go import paths, or JS named imports. */
  imports: (string | JsImport)[];
  /** The helper's name; a file that already defines it does not get a second copy. */
  helper: string;
  /**
   * The helper's source. Slots: `<%:T%>` is a TypeScript type annotation (`: T` in TypeScript, dropped in
   * JavaScript); `<%as T%>` is a TypeScript `as T` cast.
   */
  code: string;
  /** Packages the user must install. */
  dependencies: string[];
  /** True when the helper is async (JavaScript); the planner picks the call form from the context. */
  async?: boolean;
}

/** The data for one language: a template per manager. */
export type LanguageTemplates = Readonly<Record<SecretsManager, ManagerTemplate>>;

/** What is the same for a manager in every language. */
export interface ManagerInfo {
  label: string;
  /** Arguments of the call, each a snippet placeholder with a default; `<%name%>` = the secret's suggested name. */
  args: string[];
  /** Environment the helper expects, told to the user. */
  setup: string;
}
