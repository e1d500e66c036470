import { Button } from '../../components/Button';
import { Dialog } from '../../components/Dialog';
import { CrisisLines } from './CrisisLines';
import { useCrisisCard } from './crisis-store';

/**
 * R42: shown at once when the server finds words of crisis in what the client just sent. The
 * message went through as usual; the card says so, then puts help that answers now in reach.
 */
export function CrisisCard() {
  const { isShown, dismiss } = useCrisisCard();
  if (!isShown) return null;
  return (
    <Dialog
      title="Help is available right now"
      role="alertdialog"
      onClose={dismiss}
      footer={
        <Button variant="primary" onClick={dismiss} data-autofocus>
          Close
        </Button>
      }
    >
      <div className="crisis-card">
        <p>
          Your message was sent. Your care team will read it, but they may not see it right away. If you are thinking
          about hurting yourself or are in danger, please reach out now:
        </p>
        <CrisisLines />
      </div>
    </Dialog>
  );
}
