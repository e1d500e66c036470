import { useQuery } from '@tanstack/react-query';
import { useNavigate, useSearchParams } from 'react-router';
import { api, errorMessage, queryKeys } from '../../api';
import { EmptyState } from '../../components/EmptyState';
import { LoadingBlock } from '../../components/Spinner';
import { useMe } from '../../session/session';
import { useTitle } from '../../session/use-title';
import { DraftsResponse, ThreadResponse, groupNames } from '@confide/api';
import { Composer } from './Composer';
import type { Chosen } from './recipient-options';
import { useRecipients } from './recipient-options';

/** A new message, or a draft resumed from the Drafts folder (?draft=<id>). */
export function ComposePage() {
  const me = useMe();
  const navigate = useNavigate();
  const [search] = useSearchParams();
  const draftId = search.get('draft');
  const base = `/p/${me.practice.slug}`;
  useTitle('New message');
  const draft = useQuery({
    queryKey: queryKeys.draft(draftId ?? 'none'),
    enabled: Boolean(draftId),
    gcTime: 0,
    queryFn: async () => {
      const { drafts } = await api.get('/api/drafts', DraftsResponse);
      const found = drafts.find((item) => item.id === draftId);
      if (!found) throw new Error('This draft was sent or deleted.');
      return found;
    },
  });
  const directory = useRecipients('');
  const thread = useQuery({
    queryKey: queryKeys.thread(draft.data?.threadId ?? 'none'),
    enabled: Boolean(draft.data?.threadId),
    queryFn: async () =>
      (await api.get(`/api/threads/${encodeURIComponent(draft.data!.threadId!)}`, ThreadResponse)).thread,
  });

  if (draftId && (draft.isPending || directory.isPending || (draft.data?.threadId && thread.isPending)))
    return <LoadingBlock label="Opening your draft…" />;
  if (draftId && (draft.isError || thread.isError))
    return (
      <main id="main" className="page page-narrow">
        <EmptyState title="This draft is not available">{errorMessage(draft.error ?? thread.error)}</EmptyState>
      </main>
    );

  const people = new Map(directory.data?.recipients.map((person) => [person.id, person]) ?? []);
  // Staff never address a team (R46: clients write to teams), so a staff draft holds none.
  const initialTo: Chosen[] = (draft.data?.to ?? []).flatMap((recipient): Chosen[] =>
    'group' in recipient
      ? [{ kind: 'group', id: recipient.group, name: groupNames[recipient.group] }]
      : 'team' in recipient
        ? []
        : [
            {
              kind: 'user',
              id: recipient.userId,
              name: people.get(recipient.userId)?.name ?? 'A recipient',
              role: people.get(recipient.userId)?.role ?? 'client',
            },
          ],
  );

  return (
    <main id="main" className="page page-narrow">
      <h1>{thread.data ? `Reply: ${thread.data.subject}` : 'New message'}</h1>
      <Composer
        key={draftId ?? 'new'}
        draft={draft.data}
        thread={thread.data}
        initialTo={initialTo}
        onSent={(threadId) => void navigate(threadId ? `${base}/threads/${threadId}` : `${base}/mail/sent`)}
        onClosed={() => void navigate(`${base}/mail/${draftId ? 'drafts' : 'inbox'}`)}
      />
    </main>
  );
}
