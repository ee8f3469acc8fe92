// The CLI's name, version and home page, read from package.json at build time.
import pkg from '../../package.json';

/** The version printed by --version and written into SARIF reports. */
export const VERSION: string = pkg.version;

/** Where to read about Leakless, for SARIF's tool.driver.informationUri. */
export const INFORMATION_URI: string = homepage(pkg as unknown);

function homepage(p: unknown): string {
  if (typeof p === 'object' && p !== null) {
    const rec = p as Record<string, unknown>;
    if (typeof rec['homepage'] === 'string') return rec['homepage'];
    const repo = rec['repository'];
    const url = typeof repo === 'string' ? repo : typeof repo === 'object' && repo !== null ? (repo as Record<string, unknown>)['url'] : undefined;
    if (typeof url === 'string') return url.replace(/^git\+/, '').replace(/\.git$/, '');
  }
  return 'https://github.com/leakless/leakless';
}
