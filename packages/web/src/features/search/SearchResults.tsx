import { Link } from 'react-router';
import { errorMessage } from '../../api';
import { Button } from '../../components/Button';
import { EmptyState } from '../../components/EmptyState';
import { LoadingBlock } from '../../components/Spinner';
import { shortTime, longTime } from '../mailbox/format';
import { Highlighted } from './Highlighted';
import { useSearch } from './search-queries';

/**
 * R44: the hits of a search, newest first, each a link to its thread with the subject, the time
 * and a short excerpt (matched words marked); "Load more" pages on. `threadHref` says where a
 * thread opens on this side; `isFramed` is false where the page already frames it (the portal).
 */
export function SearchResults({
  q,
  threadHref,
  isFramed = true,
}: {
  q: string;
  threadHref: (threadId: string) => string;
  isFramed?: boolean;
}) {
  const search = useSearch(q);
  const results = search.data?.pages.flatMap((page) => page.results) ?? [];
  const more = search.hasNextPage ? ' or more' : '';
  return (
    <section className={isFramed ? 'card search-results' : 'search-results'} aria-labelledby="search-results-title">
      <h2 id="search-results-title" className="search-results-title">
        Search results
      </h2>
      <p className="visually-hidden" role="status">
        {search.isPending ? 'Searching…' : `${results.length}${more} results`}
      </p>
      {search.isPending ? (
        <LoadingBlock label="Searching…" />
      ) : search.isError ? (
        <EmptyState
          title="The search could not be run"
          action={<Button onClick={() => void search.refetch()}>Try again</Button>}
        >
          {errorMessage(search.error)}
        </EmptyState>
      ) : results.length === 0 ? (
        <EmptyState title="Nothing found">
          No conversation you take part in has these words. Try fewer words, or the start of a word.
        </EmptyState>
      ) : (
        <ul className="search-list">
          {results.map((result, index) => (
            <li key={`${result.threadId}-${result.at}-${index}`} className="search-hit">
              <Link to={threadHref(result.threadId)} className="search-hit-link">
                <span className="search-hit-top">
                  <span className="search-hit-subject">
                    <Highlighted text={result.subject} q={q} />
                  </span>
                  <time dateTime={result.at} title={longTime(result.at)} className="search-hit-time">
                    {shortTime(result.at)}
                  </time>
                </span>
                <span className="search-hit-excerpt">
                  <Highlighted text={result.excerpt} q={q} />
                </span>
              </Link>
            </li>
          ))}
        </ul>
      )}
      {search.hasNextPage && (
        <div className="load-more">
          <Button isBusy={search.isFetchingNextPage} onClick={() => void search.fetchNextPage()}>
            Load more
          </Button>
        </div>
      )}
    </section>
  );
}
