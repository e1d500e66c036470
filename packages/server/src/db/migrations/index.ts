import type { Migration } from 'kysely';
import * as initial from './0001-initial';
import * as attachmentIndexes from './0002-attachment-indexes';
import * as signInState from './0003-sign-in-state';
import * as auditClientsCheckpoints from './0004-audit-clients-checkpoints';
import * as careTeamAgents from './0005-care-team-agents';
import * as safetyNet from './0007-safety-net';
import * as outOfOfficeAgreement from './0009-out-of-office-agreement';
import * as records from './0010-records';
import * as passkeysAndDevices from './0011-passkeys-and-devices';
import * as searchIndex from './0013-search-index';
import * as searchThreadOrder from './0014-search-thread-order';
import * as teamInbox from './0015-team-inbox';
import * as calmNotifications from './0016-calm-notifications';
import * as savedReplies from './0017-saved-replies';
import * as readReceipts from './0018-read-receipts';
import * as searchQueue from './0019-search-queue';
import * as auditPending from './0020-audit-pending';
import * as searchNames from './0021-search-names';

/** Every migration, by name; names sort in the order they run. */
export const migrations: Record<string, Migration> = {
  '0001-initial': initial,
  '0002-attachment-indexes': attachmentIndexes,
  '0003-sign-in-state': signInState,
  '0004-audit-clients-checkpoints': auditClientsCheckpoints,
  '0005-care-team-agents': careTeamAgents,
  '0007-safety-net': safetyNet,
  '0009-out-of-office-agreement': outOfOfficeAgreement,
  '0010-records': records,
  '0011-passkeys-and-devices': passkeysAndDevices,
  '0013-search-index': searchIndex,
  '0014-search-thread-order': searchThreadOrder,
  '0015-team-inbox': teamInbox,
  '0016-calm-notifications': calmNotifications,
  '0017-saved-replies': savedReplies,
  '0018-read-receipts': readReceipts,
  '0019-search-queue': searchQueue,
  '0020-audit-pending': auditPending,
  '0021-search-names': searchNames,
};
