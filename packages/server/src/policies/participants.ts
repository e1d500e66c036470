import type { Party, PolicyActor } from './types';

type Viewer = Pick<PolicyActor, 'userId' | 'kind'>;

/**
 * R36: may the viewer see this participant of a thread they take part in? Staff see everyone;
 * a client sees the staff and themselves — never another client, whose being a client of the
 * practice is itself protected.
 */
export function canSeeParticipant(viewer: Viewer, party: Pick<Party, 'id' | 'kind'>): boolean {
  return viewer.kind === 'staff' || party.kind === 'staff' || party.id === viewer.userId;
}

/**
 * R36: the participants this viewer may see, in their order. Every path that shows a thread's
 * people (folder rows, the thread, its messages' senders, live events, exports) goes through
 * this one rule; policies that count clients (R9, R15) still judge the whole thread.
 */
export function visibleParticipants<P extends Pick<Party, 'id' | 'kind'>>(viewer: Viewer, participants: P[]): P[] {
  return participants.filter((party) => canSeeParticipant(viewer, party));
}
