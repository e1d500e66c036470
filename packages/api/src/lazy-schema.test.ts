import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';

/** lazy-schema.ts as the web app's build sees it (`__CONFIDE_LAZY_SCHEMAS__` defined). */
async function deferredLazySchema() {
  vi.resetModules();
  vi.stubGlobal('__CONFIDE_LAZY_SCHEMAS__', true);
  return (await import('./lazy-schema')).lazySchema;
}

describe('lazySchema', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.resetModules();
  });

  it('§3: on the server a contract schema is the zod schema itself, built at once', async () => {
    const { lazySchema } = await import('./lazy-schema');
    const build = vi.fn(() => z.object({ id: z.string() }));
    const schema = lazySchema(build);
    expect(build).toHaveBeenCalledTimes(1);
    expect(z.toJSONSchema(schema)).toMatchObject({ properties: { id: { type: 'string' } } });
  });

  it('§3: in the web app a schema is built on first use, once, and parses, extends and nests as the schema', async () => {
    const lazySchema = await deferredLazySchema();
    const buildPerson = vi.fn(() => z.object({ id: z.string().min(1), name: z.string() }));
    const Person = lazySchema(buildPerson);
    const Thread = lazySchema(() => z.object({ people: z.array(Person), note: z.string().trim().optional() }));
    expect(buildPerson).not.toHaveBeenCalled();

    expect(Thread.parse({ people: [{ id: 'a', name: 'Ann' }], note: ' hi ' })).toEqual({
      people: [{ id: 'a', name: 'Ann' }],
      note: 'hi',
    });
    expect(Thread.safeParse({ people: [{ id: '', name: 'Ann' }] }).error?.issues[0]?.path).toEqual(['people', 0, 'id']);
    expect(Person.extend({ away: z.boolean() }).parse({ id: 'a', name: 'Ann', away: true })).toMatchObject({
      away: true,
    });
    expect(Object.keys(Person.shape)).toEqual(['id', 'name']);
    expect(Person).toBeInstanceOf(z.ZodObject);
    expect(Person.optional().parse(undefined)).toBeUndefined();
    expect(buildPerson).toHaveBeenCalledTimes(1);
  });
});
