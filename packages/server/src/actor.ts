import type { PracticeSettings, Role } from '@confide/api';

/** The signed-in person a request acts as, derived from the session cookie alone (R30). */
export interface Actor {
  sessionId: string;
  userId: string;
  practiceId: string;
  practiceSlug: string;
  practiceName: string;
  kind: 'staff' | 'client';
  role: Role;
  isAdmin: boolean;
  status: 'active' | 'inactive' | 'disabled';
  mfaEnabled: boolean;
  csrfToken: string;
  settings: PracticeSettings;
  /** Staff of a practice requiring two-factor who have not enrolled yet. */
  mfaEnrollmentRequired: boolean;
  lastSeenAt: string;
  /** When the session ends however active (its 12-hour lifetime, R29). */
  expiresAt: string;
  ip: string;
}
