import type { z } from 'zod';
import type * as C from '@confide/api';

// Response and request shapes inferred from the contract, so the web never drifts from the server.
export type Me = z.infer<typeof C.MeResponse>;
export type LoginResponse = z.infer<typeof C.LoginResponse>;
export type PracticePublic = z.infer<typeof C.PracticePublic>;
export type MfaSetup = z.infer<typeof C.MfaSetupResponse>;
export type RecipientsResponse = z.infer<typeof C.RecipientsResponse>;
export type RecipientOption = RecipientsResponse['recipients'][number];
export type ThreadsResponse = z.infer<typeof C.ThreadsResponse>;
export type ThreadSummary = z.infer<typeof C.ThreadSummary>;
export type ThreadDetail = z.infer<typeof C.ThreadDetail>;
export type Message = z.infer<typeof C.Message>;
export type AttachmentInfo = z.infer<typeof C.AttachmentInfo>;
export type Draft = z.infer<typeof C.Draft>;
export type DraftRequest = z.input<typeof C.DraftRequest>;
export type Recipient = z.infer<typeof C.Recipient>;
export type BulkResponse = z.infer<typeof C.BulkResponse>;
export type ChartNote = z.infer<typeof C.ChartNote>;
export type StaffMember = z.infer<typeof C.StaffMember>;
export type ClientRecord = z.infer<typeof C.ClientRecord>;
export type PracticeSettings = z.infer<typeof C.PracticeSettings>;
export type OutboxResponse = z.infer<typeof C.OutboxResponse>;
export type AuditResponse = z.infer<typeof C.AuditResponse>;
export type LiveEvent = z.infer<typeof C.LiveEvent>;
export type Person = z.infer<typeof C.Person>;
export type Folder = z.infer<typeof C.Folder>;
