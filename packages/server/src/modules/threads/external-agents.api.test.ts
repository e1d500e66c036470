import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../../test/links';
import { testDb } from '../../../test/harness';
import { BODY, startMessagingWorld, type MessagingWorld } from './messaging.test-helpers';

/**
 * R37 through the real server: an external agent finds and addresses staff and only the
 * clients whose care team includes them — before being added, after, and after removal.
 */
describe(`R37 external agents see only their clients (${testDb})`, () => {
  let w: MessagingWorld;
  const staffKeys = ['admin', 'p1', 'p2', 'p3', 'fo', 'biller'];
  const recipientIds = async (key: string, q = '') =>
    ((await (await w.as(key)).get(`/api/recipients${q}`)).body.recipients as { id: string }[]).map((r) => r.id).sort();
  const ids = (...keys: string[]) => keys.map((k) => w.ids[k] as string).sort();
  const setAgents = async (client: string, agents: string[], providers?: { id: string; status: string }[]) =>
    (await w.as('admin')).put(`/api/admin/clients/${w.ids[client]}/care-team`, {
      providers: providers ?? [{ id: w.ids.p1, status: 'current' }],
      externalAgents: agents.map((id) => ({ id })),
    });
  const sendAs = async (key: string, to: string) =>
    (await w.as(key)).post('/api/threads', { to: [{ userId: w.ids[to] }], subject: 'Housing update', body: BODY });

  beforeAll(async () => {
    w = await startMessagingWorld('r37');
  });
  afterAll(() => w.close());

  it('R37: on no care team, an agent finds staff and groups but no client, and may address none', async () => {
    expect(await recipientIds('agent')).toEqual(ids(...staffKeys));
    const groups = (await (await w.as('agent')).get('/api/recipients')).body.groups.map((g: { id: string }) => g.id);
    expect(groups).toEqual(['front_office', 'providers', 'external_agents']);
    expect(await recipientIds('agent', '?q=canary')).toEqual([]);
    const refused = await sendAs('agent', 'c1');
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('recipient_not_allowed');
    const draft = await (await w.as('agent')).post('/api/drafts', { to: [{ userId: w.ids.c1 }], subject: 'x' });
    expect(draft.status).toBe(403);
    expect(draft.body.error.code).toBe('recipient_not_allowed');
    expect((await (await w.as('agent')).get('/api/drafts')).body.drafts).toEqual([]);
    // Staff and groups stay open to them.
    expect((await sendAs('agent', 'p1')).status).toBe(201);
  });

  it('R37: only an admin of the practice sets agents; only its external agents are accepted', async () => {
    for (const key of ['p1', 'fo', 'agent', 'c1']) {
      const res = await (
        await w.as(key)
      ).put(`/api/admin/clients/${w.ids.c1}/care-team`, {
        providers: [],
        externalAgents: [{ id: w.ids.agent }],
      });
      expect(res.status).toBe(403);
    }
    const anon = await w.server.client().put(`/api/admin/clients/${w.ids.c1}/care-team`, { providers: [] });
    expect(anon.status).toBe(401);
    const otherAdmin = await w.asOther('admin');
    const crossed = await otherAdmin.put(`/api/admin/clients/${w.ids.c1}/care-team`, {
      providers: [],
      externalAgents: [{ id: w.otherIds.agent }],
    });
    expect(crossed.status).toBe(404);
    for (const bad of [[w.ids.p2], [w.ids.fo], [w.ids.c2], [w.otherIds.agent], [w.ids.agent, w.ids.agent]]) {
      const res = await setAgents('c1', bad as string[]);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('validation_failed');
    }
    expect(await recipientIds('agent')).toEqual(ids(...staffKeys));
  });

  it('R37: added to a care team, the agent finds and addresses that client and no other', async () => {
    const res = await setAgents(
      'c1',
      [w.ids.agent as string],
      [
        { id: w.ids.p1 as string, status: 'current' },
        { id: w.ids.p2 as string, status: 'past' },
      ],
    );
    expect(res.status).toBe(200);
    expect(res.body.careTeam).toEqual([
      { id: w.ids.p1, name: 'Staff p1', role: 'provider', status: 'current' },
      { id: w.ids.p2, name: 'Staff p2', role: 'provider', status: 'past' },
      { id: w.ids.agent, name: 'Staff agent', role: 'external_agent', status: 'current' },
    ]);
    const listed = (await (await w.as('admin')).get('/api/admin/clients')).body.clients;
    expect(listed.find((c: { id: string }) => c.id === w.ids.c1).careTeam).toEqual(res.body.careTeam);
    const audit = await auditEvents(w.server, w.practiceId, 'admin.care_team.updated');
    expect(audit.at(-1)?.targets).toMatchObject({ clientId: w.ids.c1, externalAgents: w.ids.agent });

    expect(await recipientIds('agent')).toEqual(ids(...staffKeys, 'c1'));
    expect(await recipientIds('agent', '?q=canary')).toEqual(ids('c1'));
    expect((await sendAs('agent', 'c1')).status).toBe(201);
    for (const other of ['c2', 'c3', 'c4']) {
      const refused = await sendAs('agent', other);
      expect(refused.status).toBe(403);
      expect(refused.body.error.code).toBe('recipient_not_allowed');
    }
    // The client does not gain the agent as a recipient (R2).
    expect(await recipientIds('c1')).not.toContain(w.ids.agent);
    // Other staff are unchanged; the other practice's agent gains nothing.
    expect(await recipientIds('fo')).toEqual(
      ids(...staffKeys.filter((k) => k !== 'fo'), 'agent', 'c1', 'c2', 'c3', 'c4'),
    );
    const otherAgent = (await (await w.asOther('agent')).get('/api/recipients')).body.recipients;
    expect(JSON.stringify(otherAgent)).not.toContain(w.ids.c1);
  });

  it('R37: a care-team edit without externalAgents leaves the agents as they are', async () => {
    const res = await (
      await w.as('admin')
    ).put(`/api/admin/clients/${w.ids.c1}/care-team`, {
      providers: [{ id: w.ids.p1, status: 'current' }],
    });
    expect(res.status).toBe(200);
    expect(res.body.careTeam.map((m: { id: string }) => m.id)).toEqual([w.ids.p1, w.ids.agent]);
    expect(await recipientIds('agent')).toContain(w.ids.c1);
  });

  it('R37: removed from the care team, the agent loses the client for new messages and keeps their threads', async () => {
    const agent = await w.as('agent');
    const kept = await sendAs('agent', 'c1');
    expect(kept.status).toBe(201);
    const threadId = kept.body.thread.id as string;
    const draft = await agent.post('/api/drafts', { to: [{ userId: w.ids.c1 }], subject: 'Follow-up', body: BODY });
    expect(draft.status).toBe(201);

    const res = await setAgents('c1', []);
    expect(res.body.careTeam.map((m: { role: string }) => m.role)).toEqual(['provider']);

    expect(await recipientIds('agent')).toEqual(ids(...staffKeys));
    const refused = await sendAs('agent', 'c1');
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('recipient_not_allowed');
    const fromDraft = await agent.post(`/api/drafts/${draft.body.draft.id}/send`);
    expect(fromDraft.status).toBe(403);
    expect(fromDraft.body.error.code).toBe('recipient_not_allowed');
    expect((await agent.get('/api/drafts')).body.drafts.map((d: { id: string }) => d.id)).toContain(
      draft.body.draft.id,
    );
    // The thread they already take part in stays theirs, replies included (R9: two participants).
    expect((await agent.get(`/api/threads/${threadId}`)).status).toBe(200);
    expect((await agent.post(`/api/threads/${threadId}/messages`, { body: BODY })).status).toBe(201);
    expect((await (await w.as('c1')).post(`/api/threads/${threadId}/messages`, { body: BODY })).status).toBe(201);
  });
});

describe(`R3 (issue 17): the staff To list marks inactive clients (${testDb})`, () => {
  let w: MessagingWorld;
  beforeAll(async () => {
    w = await startMessagingWorld('inact');
  });
  afterAll(() => w.close());

  it('R3: staff see status "inactive" on an inactive client and nothing on active people', async () => {
    const recipients = (await (await w.as('fo')).get('/api/recipients')).body.recipients as {
      id: string;
      status?: string;
    }[];
    expect(recipients.find((r) => r.id === w.ids.c3)?.status).toBe('inactive');
    expect(recipients.filter((r) => r.status).map((r) => r.id)).toEqual([w.ids.c3]);
  });
});
