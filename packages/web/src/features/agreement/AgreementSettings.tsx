import { SUGGESTED_AGREEMENT } from '@confide/api';
import { useEffect, useState, type FormEvent } from 'react';
import { errorMessage } from '../../api';
import { Button } from '../../components/Button';
import { TextArea } from '../../components/Field';
import { LoadingBlock } from '../../components/Spinner';
import { Alert, useToast } from '../../components/Toast';
import { longTime } from '../mailbox/format';
import { useAgreementStatus, usePublishAgreement } from './agreement-queries';
import './agreement.css';

/**
 * R43: the admin edits the messaging agreement. Publishing makes it the next version, which
 * every client accepts before their next message; until the first version, clients are not asked.
 */
export function AgreementSettings() {
  const toast = useToast();
  const status = useAgreementStatus();
  const publish = usePublishAgreement();
  const [text, setText] = useState<string | null>(null);
  const current = status.data?.agreement ?? null;
  useEffect(() => {
    if (status.data && text === null) setText(status.data.agreement?.text ?? SUGGESTED_AGREEMENT);
  }, [status.data, text]);

  if (status.isPending || text === null)
    return status.isError ? <Alert>{errorMessage(status.error)}</Alert> : <LoadingBlock />;
  const isUnchanged = current !== null && text.trim() === current.text.trim();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    publish.mutate(text, {
      onSuccess: (agreement) => {
        setText(agreement.text);
        toast(`Version ${agreement.version} of the messaging agreement is published.`);
      },
    });
  };

  return (
    <section aria-labelledby="agreement-settings-title" className="agreement-record">
      <h2 id="agreement-settings-title">Messaging agreement</h2>
      <form className="card card-pad stack settings-form" onSubmit={submit}>
        <p className="muted">
          {current
            ? `Version ${current.version}, published ${longTime(current.publishedAt)}. Publishing a change makes it version ${current.version + 1}: every client reads and accepts it before their next message.`
            : 'No agreement is published yet, so clients are not asked to accept one. A suggested text is filled in below; edit it, then publish it as version 1.'}
        </p>
        {publish.isError && <Alert>{errorMessage(publish.error)}</Alert>}
        <TextArea
          label="Agreement text"
          hint="Plain text; a blank line starts a new paragraph. What messaging is for, response times, after hours, who can read messages."
          rows={12}
          value={text}
          onChange={(event) => setText(event.target.value)}
        />
        <div>
          <Button type="submit" variant="primary" isBusy={publish.isPending} disabled={isUnchanged}>
            {current ? `Publish as version ${current.version + 1}` : 'Publish version 1'}
          </Button>
        </div>
      </form>
    </section>
  );
}
