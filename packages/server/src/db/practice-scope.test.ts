import {
  DummyDriver,
  Kysely,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  sql,
  type Compilable,
} from 'kysely';
import { describe, expect, it } from 'vitest';
import { PracticeScopeError, PracticeScopePlugin } from './practice-scope';
import type { Database } from './schema';
import { unscoped } from './unscoped';

// Compiling runs the plugins, so no database is needed to see what the check decides.
const db = new Kysely<Database>({
  dialect: {
    createAdapter: () => new SqliteAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (k) => new SqliteIntrospector(k),
    createQueryCompiler: () => new SqliteQueryCompiler(),
  },
  plugins: [new PracticeScopePlugin()],
});

const P = 'practice-1';

function refused(query: () => Compilable): string {
  try {
    query().compile();
  } catch (error) {
    expect(error).toBeInstanceOf(PracticeScopeError);
    return (error as Error).message;
  }
  throw new Error(`accepted: ${query().compile().sql}`);
}

describe('practice scope: statements that name their practice pass', () => {
  const good: Array<[string, () => Compilable]> = [
    ['a select filtered by practice_id', () => db.selectFrom('users').selectAll().where('practice_id', '=', P)],
    [
      'a qualified filter under an alias',
      () => db.selectFrom('threads as t').select('t.id').where('t.id', '=', 'x').where('t.practice_id', '=', P),
    ],
    [
      'a join scoped through equal practice_id columns',
      () =>
        db
          .selectFrom('thread_participants as tp')
          .innerJoin('users as u', (j) =>
            j.onRef('u.id', '=', 'tp.user_id').onRef('u.practice_id', '=', 'tp.practice_id'),
          )
          .select('u.id')
          .where('tp.practice_id', '=', P),
    ],
    [
      'a join whose ON fixes the practice',
      () =>
        db
          .selectFrom('users as u')
          .innerJoin('care_team as c', (j) => j.onRef('c.client_id', '=', 'u.id').on('c.practice_id', '=', P))
          .select('u.id')
          .where('u.practice_id', '=', P),
    ],
    ['practice_id in a list', () => db.selectFrom('outbox').select('id').where('practice_id', 'in', [P, 'practice-2'])],
    [
      'both branches of an OR fix it',
      () =>
        db
          .selectFrom('users')
          .select('id')
          .where((eb) => eb.or([eb('practice_id', '=', P), eb.and([eb('practice_id', '=', P), eb('admin', '=', 1)])])),
    ],
    [
      'a correlated subquery scoped by its outer row',
      () =>
        db
          .selectFrom('threads as t')
          .select('t.id')
          .where('t.practice_id', '=', P)
          .where((eb) =>
            eb.exists(
              eb
                .selectFrom('thread_participants as tp')
                .select('tp.user_id')
                .whereRef('tp.thread_id', '=', 't.id')
                .whereRef('tp.practice_id', '=', 't.practice_id'),
            ),
          ),
    ],
    ['an update', () => db.updateTable('users').set({ admin: 1 }).where('id', '=', 'u').where('practice_id', '=', P)],
    ['a delete', () => db.deleteFrom('drafts').where('id', '=', 'd').where('practice_id', '=', P)],
    [
      'an insert that sets practice_id',
      () =>
        db.insertInto('care_team').values({
          practice_id: P,
          client_id: 'c',
          provider_id: 'p',
          status: 'current',
          updated_at: 'now',
        }),
    ],
    ['a table that no practice owns', () => db.selectFrom('practices').selectAll().where('slug', '=', 'x')],
    [
      'the escape hatch, for a named reason',
      () => unscoped(db, 'migrations').selectFrom('users').select('id').where('id', '=', 'u'),
    ],
  ];
  it.each(good)('R30: %s', (_title, query) => {
    expect(() => query().compile()).not.toThrow();
  });
});

describe('practice scope: statements that forget their practice throw', () => {
  const bad: Array<[string, () => Compilable, RegExp]> = [
    ['a select by id alone', () => db.selectFrom('threads').selectAll().where('id', '=', 't'), /select on threads/],
    ['a select with no WHERE', () => db.selectFrom('sessions').select('id'), /select on sessions/],
    [
      'a joined table left unscoped',
      () =>
        db
          .selectFrom('thread_participants as tp')
          .innerJoin('users as u', 'u.id', 'tp.user_id')
          .select('u.id')
          .where('tp.practice_id', '=', P),
      /users as u/,
    ],
    [
      'a practice filter in only one branch of an OR',
      () =>
        db
          .selectFrom('users')
          .select('id')
          .where((eb) => eb.or([eb('practice_id', '=', P), eb('id', '=', 'u')])),
      /select on users/,
    ],
    [
      'a filter on some other table’s practice_id',
      () =>
        db
          .selectFrom('messages as m')
          .innerJoin('threads as t', 't.id', 'm.thread_id')
          .select('m.id')
          .where('t.practice_id', '=', P),
      /messages as m/,
    ],
    [
      'practice_id compared with something else than =',
      () => db.selectFrom('users').select('id').where('practice_id', '!=', P),
      /select on users/,
    ],
    [
      'practice_id equal to undefined',
      () =>
        db
          .selectFrom('users')
          .select('id')
          .where('practice_id', '=', undefined as unknown as string),
      /select on users/,
    ],
    [
      'an outer join cannot scope the table it joins from',
      () =>
        db
          .selectFrom('threads as t')
          .leftJoin('messages as m', (j) => j.onRef('m.thread_id', '=', 't.id').on('t.practice_id', '=', P))
          .select('t.id'),
      /threads as t/,
    ],
    [
      'an unscoped subquery inside a scoped statement',
      () =>
        db
          .selectFrom('threads')
          .select('id')
          .where('practice_id', '=', P)
          .where('id', 'in', db.selectFrom('messages').select('thread_id').where('sender_id', '=', 's')),
      /select on messages/,
    ],
    ['an update by id alone', () => db.updateTable('users').set({ admin: 1 }).where('id', '=', 'u'), /update on users/],
    ['a delete by id alone', () => db.deleteFrom('attachments').where('id', '=', 'a'), /delete on attachments/],
    [
      'an update that moves a row to another practice',
      () => db.updateTable('users').set({ practice_id: 'other' }).where('practice_id', '=', P),
      /never moves/,
    ],
    [
      'an insert without practice_id',
      () =>
        db.insertInto('thread_participants').values({
          thread_id: 't',
          user_id: 'u',
          has_incoming: 0,
          has_sent: 1,
          archived: 0,
          unread: 0,
          last_activity_at: 'now',
        } as never),
      /insert into thread_participants does not set practice_id/,
    ],
    [
      'an insert with one row missing practice_id',
      () =>
        db
          .insertInto('events')
          .values([
            { seq: '1', practice_id: P, user_id: 'u', type: 't', payload: '{}', created_at: 'now' },
            { seq: '2', user_id: 'u', type: 't', payload: '{}', created_at: 'now' } as never,
          ]),
      /leaves practice_id empty/,
    ],
    ['raw SQL', () => ({ compile: () => sql`select * from users`.compile(db) }), /raw SQL/],
  ];
  it.each(bad)('R30: %s', (_title, query, message) => {
    expect(refused(query)).toMatch(message);
  });
});
