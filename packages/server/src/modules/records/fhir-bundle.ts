import type { Person } from '@confide/api';
import { toPlainText } from './rich-text';
import type { ExportMessage, ThreadExport } from './export-source';

type Reference = { reference: string; display: string };
type Resource = Record<string, unknown> & { resourceType: string; id: string };

const roleCodes: Record<string, string> = {
  provider: 'Provider',
  front_office: 'Front office',
  biller: 'Billing',
  external_agent: 'External agent',
};

/** A person as a FHIR reference: clients are Patients, staff (external agents too) PractitionerRoles. */
function referenceTo(person: Person): Reference {
  return person.kind === 'client'
    ? { reference: `Patient/${person.id}`, display: person.name }
    : { reference: `PractitionerRole/role-${person.id}`, display: person.name };
}

/** The resources that stand for the people: a Patient, or a Practitioner with their role at the practice. */
function peopleResources(source: ThreadExport): Resource[] {
  const resources: Resource[] = [];
  for (const person of source.people.values()) {
    if (person.kind === 'client') {
      resources.push({ resourceType: 'Patient', id: person.id, name: [{ text: person.name }] });
      continue;
    }
    resources.push({ resourceType: 'Practitioner', id: person.id, name: [{ text: person.name }] });
    resources.push({
      resourceType: 'PractitionerRole',
      id: `role-${person.id}`,
      practitioner: { reference: `Practitioner/${person.id}`, display: person.name },
      organization: { reference: `Organization/${source.practice.id}`, display: source.practice.name },
      code: [{ text: roleCodes[person.role] ?? person.role }],
    });
  }
  return resources;
}

/** The thread's sole visible client, whom the Communications are about (none for staff-only or group threads). */
function subjectOf(source: ThreadExport): { subject?: Reference } {
  const clients = [...source.people.values()].filter((p) => p.kind === 'client');
  return clients.length === 1 && clients[0] ? { subject: referenceTo(clients[0]) } : {};
}

function messageResources(
  source: ThreadExport,
  message: ExportMessage,
  previous: string | null,
  baseUrl: string,
): Resource[] {
  const sender = source.people.get(message.senderId);
  const recipients = [...source.people.values()].filter((p) => p.id !== message.senderId).map(referenceTo);
  const communication: Resource = {
    resourceType: 'Communication',
    id: message.id,
    partOf: [{ reference: `Communication/${source.thread.id}` }],
    ...(previous ? { inResponseTo: [{ reference: `Communication/${previous}` }] } : {}),
    status: 'completed',
    ...subjectOf(source),
    topic: { text: source.thread.subject },
    sent: message.sentAt,
    ...(recipients.length > 0 ? { recipient: recipients } : {}),
    ...(sender ? { sender: referenceTo(sender) } : {}),
    payload: [
      { contentString: toPlainText(message.html) },
      ...message.attachments.map((file) => ({
        contentReference: { reference: `DocumentReference/${file.id}`, display: file.name },
      })),
    ],
  };
  const documents = message.attachments.map((file): Resource => ({
    resourceType: 'DocumentReference',
    id: file.id,
    identifier: [{ system: 'urn:confide:sha256', value: file.sha256 }],
    status: 'current',
    ...subjectOf(source),
    date: message.sentAt,
    ...(sender ? { author: [referenceTo(sender)] } : {}),
    description: file.name,
    content: [
      {
        attachment: {
          contentType: file.contentType,
          // The bytes by reference: the file's own download, under the same access rules.
          url: `${baseUrl}/api/attachments/${file.id}`,
          size: file.size,
          hash: Buffer.from(file.sha256, 'hex').toString('base64'),
          title: file.name,
          creation: message.sentAt,
        },
      },
    ],
    context: { related: [{ reference: `Communication/${message.id}` }] },
  }));
  return [communication, ...documents];
}

/**
 * R49: the thread as a FHIR R4 `collection` Bundle, written as it is read: the practice, the
 * people the viewer may see (R36), a header Communication for the thread, one Communication per
 * message (`partOf` the header, `inResponseTo` the message before) and a DocumentReference per
 * file. The Bundle's identifier is the audit chain position the export was made at.
 */
export async function* renderFhirBundle(source: ThreadExport, baseUrl: string): AsyncGenerator<string> {
  const entry = (resource: Resource) =>
    JSON.stringify({ fullUrl: `${baseUrl}/fhir/${resource.resourceType}/${resource.id}`, resource });
  const everyone = [...source.people.values()];
  yield JSON.stringify({
    resourceType: 'Bundle',
    id: `export-${source.thread.id}-${source.audit.seq}`,
    identifier: { system: 'urn:confide:audit-chain', value: `${source.audit.seq}:${source.audit.hash}` },
    type: 'collection',
    timestamp: source.exportedAt,
  }).slice(0, -1);
  yield ',"entry":[';
  const head: Resource[] = [
    { resourceType: 'Organization', id: source.practice.id, name: source.practice.name },
    ...peopleResources(source),
    {
      resourceType: 'Communication',
      id: source.thread.id,
      identifier: [{ system: 'urn:confide:thread', value: source.thread.id }],
      status: 'completed',
      ...subjectOf(source),
      topic: { text: source.thread.subject },
      sent: source.thread.createdAt,
      recipient: everyone.map(referenceTo),
      ...(source.people.get(source.thread.createdBy)
        ? { sender: referenceTo(source.people.get(source.thread.createdBy) as Person) }
        : {}),
    },
  ];
  yield head.map(entry).join(',');
  let previous: string | null = null;
  for await (const message of source.messages()) {
    yield `,${messageResources(source, message, previous, baseUrl).map(entry).join(',')}`;
    previous = message.id;
  }
  yield ']}';
}
