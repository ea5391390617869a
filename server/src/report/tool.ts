/**
 * Who made a report: the tool's name, version and home page, read once from package.json so a
 * release only bumps one place.
 */
import { readFileSync } from 'node:fs';

interface PackageJson {
  version?: string;
  homepage?: string;
  repository?: string | { url?: string };
}


function readPackageJson(): PackageJson {
  try {
    return JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as PackageJson;
  } catch {
    return {};
  }
}

/** The project's home page when package.json names one (SARIF's informationUri is optional). */
function homepageOf(pkg: PackageJson): string | undefined {
  if (pkg.homepage) return pkg.homepage;
  const repo = typeof pkg.repository === 'string' ? pkg.repository : pkg.repository?.url;
  if (repo && /^https?:\/\//.test(repo)) return repo.replace(/^git\+/, '').replace(/\.git$/, '');
  return undefined;
}

const pkg = readPackageJson();

export const TOOL: { name: 'odoo-pulse'; version: string; informationUri?: string } = {
  name: 'odoo-pulse',
  version: pkg.version ?? '0.0.0',
  informationUri: homepageOf(pkg),
};
