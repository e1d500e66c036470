import type { Person, ThreadSummary } from '@confide/api';
import { describe, expect, it } from 'vitest';
import { initialsOf } from '../../components/initials';
import { indexConversations, mergeThreads, replyTarget } from './conversations';
import { fileProblem, sizeBeyondLimit } from './attachment-check';
import { textToHtml, visibleLength } from './message-text';

const me: Person = { id: 'me', name: 'Alex', kind: 'client', role: 'client' };
const chen: Person = { id: 'chen', name: 'Dr. Maya Chen', kind: 'staff', role: 'provider' };
const ortiz: Person = { id: 'ortiz', name: 'Sam Ortiz', kind: 'staff', role: 'provider' };

const thread = (id: string, participants: Person[], at: string, extra: Partial<ThreadSummary> = {}): ThreadSummary => ({
  id,
  subject: 's',
  participants,
  lastMessageAt: at,
  unread: false,
  archived: false,
  hasAttachments: false,
  canReply: true,
  canDelete: false,
  ...extra,
});

describe('portal conversations', () => {
  it('R23: merges inbox and sent by id and groups 1:1 threads by provider', () => {
    const a = thread('a', [me, chen], '2026-01-02');
    const b = thread('b', [ortiz], '2026-01-03'); // folder rows list only the others
    const c = thread('c', [chen, me], '2026-01-01', { unread: true });
    const g = thread('g', [me, chen, ortiz], '2026-01-04');
    const merged = mergeThreads([a, c, g], [a, b]);
    expect(merged.map((t) => t.id)).toEqual(['g', 'b', 'a', 'c']);
    const index = indexConversations(merged, 'me');
    // The group thread (newest) is on both providers' cards too, so both are as recent as it.
    expect(index.conversations.map((c) => c.person.id)).toEqual(['chen', 'ortiz']);
    expect(index.conversations[0]!.unread).toBe(true);
    expect(index.conversations[0]!.threads).toHaveLength(2);
    expect(index.groupThreads.map((t) => t.id)).toEqual(['g']);
  });

  it("R23: a thread with a provider and other staff is also on each staff member's card, never a reply target", () => {
    const frontDesk: Person = { id: 'fo', name: 'Jordan Lee', kind: 'staff', role: 'front_office' };
    const one = thread('one', [me, chen], '2026-01-01');
    const shared = thread('shared', [me, chen, frontDesk], '2026-01-05', { unread: true });
    const index = indexConversations([shared, one], 'me');
    expect(index.groupThreads.map((t) => t.id)).toEqual(['shared']);
    const byId = new Map(index.conversations.map((c) => [c.person.id, c]));
    expect(byId.get('chen')!.sharedThreads.map((t) => t.id)).toEqual(['shared']);
    expect(byId.get('chen')!.lastMessageAt).toBe('2026-01-05');
    expect(byId.get('chen')!.unread).toBe(true);
    expect(byId.get('fo')!.threads).toEqual([]);
    expect(replyTarget(byId.get('chen'))?.id).toBe('one');
    expect(replyTarget(byId.get('fo'))).toBeUndefined();
  });

  it('R9: a reply goes to the newest thread that takes replies', () => {
    const index = indexConversations(
      [thread('old', [me, chen], '2026-01-01'), thread('new', [me, chen], '2026-01-05', { canReply: false })],
      'me',
    );
    expect(replyTarget(index.conversations[0])?.id).toBe('old');
  });

  it('R5: visible length ignores white space; text becomes escaped paragraphs', () => {
    expect(visibleLength('  a b\n c ')).toBe(3);
    expect(textToHtml('Hi <b>\nthere\n\nNext')).toBe('<p>Hi &lt;b&gt;<br>there</p><p>Next</p>');
  });

  it('R6: refuses other types and files over 10 MB before uploading', () => {
    expect(fileProblem({ name: 'a.PDF', size: 10 })).toBeNull();
    expect(fileProblem({ name: 'run.exe', size: 10 })).toMatch(/run\.exe.*only PDF/);
    expect(fileProblem({ name: 'big.png', size: 10 * 1024 * 1024 + 1 })).toMatch(/at most 10 MB/);
    // Enough digits to see the difference from the limit (issue 17).
    expect(fileProblem({ name: 'scan.pdf', size: 10_485_869 })).toBe(
      '“scan.pdf” is too large (10.0001 MB, 10,485,869 bytes). Files can be at most 10 MB (10,485,760 bytes).',
    );
    expect(sizeBeyondLimit(12 * 1024 * 1024)).toBe('12.0 MB, 12,582,912 bytes');
  });

  it('R23: initials skip titles', () => {
    expect(initialsOf('Dr. Maya Chen')).toBe('MC');
    expect(initialsOf('Sam Ortiz, LCSW')).toBe('SO');
    expect(initialsOf('Leo Brandt (case manager)')).toBe('LB');
  });
});
