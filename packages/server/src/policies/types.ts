import type { Role } from '@confide/api';

/** Who is acting, as the policies need it: nothing but identity, role and status. */
export interface PolicyActor {
  userId: string;
  kind: 'staff' | 'client';
  role: Role;
  status: 'active' | 'inactive' | 'disabled';
  isAdmin: boolean;
}

/** A person taking part in a thread (or one who could be addressed). */
export interface Party {
  id: string;
  kind: 'staff' | 'client';
  role: Role;
  status: 'active' | 'inactive' | 'disabled';
}

/** A thread as the policies see it: who started it and who takes part (fixed at creation, R8). */
export interface ThreadShape {
  createdBy: string;
  participants: Party[];
}

/** A message as the deletion policy sees it. */
export interface MessageShape {
  senderId: string;
}
