import { usePrefetchQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Route, Routes, useMatch, useNavigate } from 'react-router';
import { Button } from '../../components/Button';
import { LoadingBlock } from '../../components/Spinner';
import { useMe } from '../../session/session';
import { useTitle } from '../../session/use-title';
import { useAgreementStatus } from '../agreement/agreement-queries';
import { AgreementScreen } from '../agreement/AgreementScreen';
import { ChatLayout } from './ChatLayout';
import { ComposeDialog, type ComposeTarget } from './ComposeDialog';
import { CrisisCard } from './CrisisCard';
import { Disclaimer } from './Disclaimer';
import { MailLayout } from './MailLayout';
import { NewMessagePage } from './NewMessagePage';
import { recipientsQuery, useAllThreads } from './portal-queries';
import { ThreadView } from './ThreadView';
import { useLayoutChoice } from './use-layout-choice';
import { SearchBox } from '../search/SearchBox';
import { SearchResults } from '../search/SearchResults';
import { rememberSearch, rememberedSearch } from '../search/search-queries';

/**
 * The Messages section: the disclaimer always in view (R26), then the chat or mail layout (R23,
 * R27) — or, while the client has not accepted the current messaging agreement, that (R43).
 */
export function MessagesPage({ base }: { base: string }) {
  useTitle('Messages');
  const me = useMe();
  const navigate = useNavigate();
  const [layout, setLayout] = useLayoutChoice(me.practice.clientLayout);
  const [isComposing, setComposing] = useState(false);
  const [q, setQ] = useState(() => rememberedSearch('portal'));
  const search = (text: string) => {
    rememberSearch('portal', text);
    setQ(text);
    // The results show on the Messages page itself, whichever conversation was open.
    if (text) void navigate(base);
  };
  const compose = () => setComposing(true);
  const all = useAllThreads();
  // Asked for now, beside the threads and the agreement, not after them when the chat mounts.
  usePrefetchQuery(recipientsQuery);
  const agreement = useAgreementStatus();
  const mustAccept = agreement.data?.required === true && agreement.data.agreement !== null;
  const isIndex = useMatch({ path: base, end: true }) !== null;
  // The chat layout's empty state has its own green "Compose message" (R23); one button, not two.
  const showsEmptyState = layout === 'chat' && isIndex && !all.isPending && !all.error && all.threads.length === 0;

  const onNext = (target: ComposeTarget, subject: string) => {
    setComposing(false);
    // The topic travels in history state, never in the URL (no PHI in URLs). A team (R46) has
    // no chat of its own: the message starts its thread, which then opens.
    if (layout === 'mail' || 'team' in target) void navigate(`${base}/new`, { state: { ...target, subject } });
    else void navigate(`${base}/with/${encodeURIComponent(target.personId)}`, { state: { subject } });
  };

  return (
    <div className="portal-messages">
      <div className="portal-messages-head">
        <h1 className="portal-h1">Messages</h1>
        <div className="portal-messages-tools">
          <Button
            size="small"
            variant="ghost"
            onClick={() => {
              setLayout(layout === 'chat' ? 'mail' : 'chat');
              void navigate(base);
            }}
          >
            {layout === 'chat' ? 'Mail view' : 'Chat view'}
          </Button>
          {!showsEmptyState && !mustAccept && (
            <Button variant="primary" className="portal-go" onClick={compose}>
              New message
            </Button>
          )}
        </div>
      </div>
      <Disclaimer responseTimeText={me.practice.responseTimeText} />
      {!mustAccept && <SearchBox value={q} onSearch={search} />}
      <div className="portal-messages-body">
        {agreement.isPending ? (
          <LoadingBlock label="Loading your messages…" />
        ) : mustAccept && agreement.data?.agreement ? (
          <AgreementScreen
            agreement={agreement.data.agreement}
            hasAcceptedBefore={agreement.data.acceptance !== null}
          />
        ) : q && isIndex ? (
          <SearchResults q={q} threadHref={(id) => `${base}/thread/${id}`} isFramed={false} />
        ) : (
          <Routes>
            <Route
              index
              element={layout === 'chat' ? <ChatLayout base={base} onCompose={compose} /> : <MailLayout base={base} />}
            />
            <Route path="with/:personId" element={<ChatLayout base={base} onCompose={compose} />} />
            <Route path="groups" element={<ChatLayout base={base} onCompose={compose} showGroups />} />
            <Route path="thread/:threadId" element={<ThreadView base={base} />} />
            <Route path="new" element={<NewMessagePage base={base} />} />
          </Routes>
        )}
      </div>
      {isComposing && !mustAccept && <ComposeDialog onClose={() => setComposing(false)} onNext={onNext} />}
      <CrisisCard />
    </div>
  );
}
