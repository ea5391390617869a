import type { CheckDefinition } from '../types.ts';
import { aclWithoutGroup } from './acl-without-group.ts';
import { archivedUsersInAdminGroups } from './archived-users-in-admin-groups.ts';
import { externalAccountsReview } from './external-accounts-review.ts';
import { globalRecordRulesDisabled } from './global-record-rules-disabled.ts';
import { inactiveUsersWithApiKeys } from './inactive-users-with-api-keys.ts';
import { modelsWithoutAccessRules } from './models-without-access-rules.ts';
import { portalAclWriteAccess } from './portal-acl-write-access.ts';
import { shareUsersInInternalGroups } from './share-users-in-internal-groups.ts';
import { technicalFeaturesWidespread } from './technical-features-widespread.ts';
import { tooManyAdministrators } from './too-many-administrators.ts';

/** The permissions dimension's checks, one module each. */
export const permissionsChecks: readonly CheckDefinition[] = [
  tooManyAdministrators,
  technicalFeaturesWidespread,
  shareUsersInInternalGroups,
  portalAclWriteAccess,
  aclWithoutGroup,
  modelsWithoutAccessRules,
  globalRecordRulesDisabled,
  inactiveUsersWithApiKeys,
  archivedUsersInAdminGroups,
  externalAccountsReview,
];
