/** ir.module.module: every module the server knows, installed or not. */
import type { ModuleFact } from '../../../facts/types.ts';
import { bool, m2oName, nonEmptyStr, num, optionalBool, str, type OdooRecord } from '../values.ts';
import { defineReader } from '../reader.ts';

export const MODULE_FIELDS = [
  'name', 'shortdesc', 'author', 'website', 'license', 'state', 'installed_version', 'latest_version',
  'application', 'auto_install', 'category_id', 'imported',
];

export function mapModule(record: OdooRecord): ModuleFact {
  return {
    id: num(record.id) ?? 0,
    name: str(record.name) ?? '',
    state: str(record.state) ?? 'unknown',
    shortdesc: nonEmptyStr(record.shortdesc),
    author: nonEmptyStr(record.author),
    license: nonEmptyStr(record.license),
    website: nonEmptyStr(record.website),
    // Odoo's names are the wrong way round: `latest_version` is the version installed in the database,
    // `installed_version` the version of the code on disk (what an upgrade would install).
    installedVersion: nonEmptyStr(record.latest_version),
    latestVersion: nonEmptyStr(record.installed_version),
    application: bool(record.application),
    autoInstall: bool(record.auto_install),
    category: m2oName(record.category_id),
    imported: optionalBool(record, 'imported'),
  };
}

export const modulesReader = defineReader({
  key: 'modules',
  model: 'ir.module.module',
  read: async ({ session }) =>
    (await session.searchRead('ir.module.module', [], MODULE_FIELDS, { order: 'name' })).map(mapModule),
});
