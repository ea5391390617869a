/** Every API fact group's reader, in the order of the Facts snapshot. */
import type { AnyApiFactReader } from './reader.ts';
import { accessRulesReader } from './groups/access-rules.ts';
import { apiKeysReader } from './groups/api-keys.ts';
import { attachmentsReader } from './groups/attachments.ts';
import { automationsReader } from './groups/automations.ts';
import { companiesReader } from './groups/companies.ts';
import { configParametersReader } from './groups/config-parameters.ts';
import { cronsReader } from './groups/crons.ts';
import { customViewsReader } from './groups/custom-views.ts';
import { groupsReader } from './groups/groups.ts';
import { incomingMailServersReader } from './groups/incoming-mail-servers.ts';
import { languagesReader } from './groups/languages.ts';
import { logsReader } from './groups/logs.ts';
import { mailQueueReader } from './groups/mail-queue.ts';
import { mailServersReader } from './groups/mail-servers.ts';
import { modelsReader } from './groups/models.ts';
import { moduleDependenciesReader } from './groups/module-dependencies.ts';
import { modulesReader } from './groups/modules.ts';
import { recordCountsReader } from './groups/record-counts.ts';
import { recordRulesReader } from './groups/record-rules.ts';
import { serverActionsReader } from './groups/server-actions.ts';
import { serverReader } from './groups/server.ts';
import { sessionReader } from './groups/session.ts';
import { usersReader } from './groups/users.ts';

export const API_READERS: readonly AnyApiFactReader[] = [
  serverReader,
  sessionReader,
  modulesReader,
  moduleDependenciesReader,
  usersReader,
  groupsReader,
  apiKeysReader,
  modelsReader,
  accessRulesReader,
  recordRulesReader,
  cronsReader,
  configParametersReader,
  mailServersReader,
  incomingMailServersReader,
  mailQueueReader,
  logsReader,
  attachmentsReader,
  serverActionsReader,
  automationsReader,
  customViewsReader,
  companiesReader,
  languagesReader,
  recordCountsReader,
];
