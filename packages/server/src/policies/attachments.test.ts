import { describe, expect, it } from 'vitest';
import { canDownloadAttachment, type AttachmentAccess } from './attachments';

const me = { userId: 'me', practiceId: 'p1' };
const base: AttachmentAccess = {
  practiceId: 'p1',
  uploaderId: 'me',
  messageId: null,
  draftOwnerId: null,
  isThreadParticipant: false,
};

describe('canDownloadAttachment', () => {
  it.each<[string, Partial<AttachmentAccess>, boolean]>([
    ['R30: the uploader, while unsent', {}, true],
    ['R30: someone else, while unsent', { uploaderId: 'other' }, false],
    ['R30: the uploader, in their own draft', { draftOwnerId: 'me' }, true],
    ['R30: in another person’s draft', { draftOwnerId: 'other' }, false],
    [
      'R30: a participant of the message’s thread',
      { messageId: 'm', uploaderId: 'other', isThreadParticipant: true },
      true,
    ],
    ['R30: the uploader who is no participant (cannot happen, still refused)', { messageId: 'm' }, false],
    ['R30: a non-participant of the thread', { messageId: 'm', uploaderId: 'other' }, false],
    [
      'R30: another practice, even as participant',
      { practiceId: 'p2', messageId: 'm', isThreadParticipant: true },
      false,
    ],
    ['R30: another practice, as uploader', { practiceId: 'p2' }, false],
  ])('%s', (_label, change, expected) => {
    expect(canDownloadAttachment(me, { ...base, ...change })).toBe(expected);
  });
});
