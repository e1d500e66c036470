import type {
  KyselyPlugin,
  OperationNode,
  PluginTransformQueryArgs,
  PluginTransformResultArgs,
  QueryResult,
  RootOperationNode,
  UnknownRow,
} from 'kysely';
import type { Database } from './schema';

/**
 * Tenant scoping by construction: every SELECT, UPDATE and DELETE that reads or writes a table
 * owned by a practice must constrain that table's `practice_id` (in WHERE or a JOIN's ON, directly
 * to a value or through equal `practice_id` columns of tables that are), and every INSERT into one
 * must set it. The check walks the query's operation tree before it is compiled; a query that
 * forgets its practice is a programming error and throws. The few operations that legitimately
 * cross practices say so with `unscoped(db, reason)` (db/unscoped.ts).
 */

/** Every table with a `practice_id` column: the compiler insists a new one is listed. */
type OwnedTable = { [K in keyof Database]: 'practice_id' extends keyof Database[K] ? K : never }[keyof Database];

const ownedTableFlags: Record<OwnedTable, true> = {
  practice_keys: true,
  users: true,
  care_team: true,
  care_team_agents: true,
  sessions: true,
  passkeys: true,
  webauthn_challenges: true,
  tokens: true,
  threads: true,
  thread_participants: true,
  messages: true,
  attachments: true,
  drafts: true,
  chart_notes: true,
  audit_events: true,
  audit_heads: true,
  audit_pending: true,
  audit_clients: true,
  audit_checkpoints: true,
  outbox: true,
  events: true,
  thread_alerts: true,
  safety_jobs: true,
  out_of_office: true,
  auto_replies: true,
  agreement_versions: true,
  agreement_acceptances: true,
  login_failures: true,
  job_runs: true,
  search_terms: true,
  search_subjects: true,
  search_backfill: true,
  search_queue: true,
  search_names: true,
  pending_notices: true,
  notice_digests: true,
  saved_replies: true,
  thread_reads: true,
};

export const practiceOwnedTables: ReadonlySet<string> = new Set(Object.keys(ownedTableFlags));

const PRACTICE = 'practice_id';

export class PracticeScopeError extends Error {
  override readonly name = 'PracticeScopeError';
}

/** Throws on a statement that does not name its practice: a programming error, never a user's. */
export class PracticeScopePlugin implements KyselyPlugin {
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    const problem = scopeProblem(args.node);
    if (problem) throw new PracticeScopeError(problem);
    return args.node;
  }

  transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return Promise.resolve(args.result);
  }
}

/**
 * What is wrong with a statement's scoping, or null when every practice-owned table is
 * constrained. Only the statement itself is looked at: a subquery, CTE or expression built with
 * the same database went through this check when it was embedded (Kysely turns each builder
 * into its node through the plugins), so the whole tree is covered without walking it.
 */
export function scopeProblem(root: OperationNode): string | null {
  if (root.kind === 'RawNode') return 'raw SQL cannot be checked for its practice: build it with Kysely';
  return checkStatement(root as Node);
}

type Node = OperationNode & Record<string, unknown>;

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && typeof (value as { kind?: unknown }).kind === 'string';
}

function checkStatement(node: Node): string | null {
  switch (node.kind) {
    case 'SelectQueryNode':
      return checkFiltered('select', node, [...froms(node.from), ...joinTables(node.joins)]);
    case 'DeleteQueryNode':
      return checkFiltered('delete', node, [
        ...froms(node.from),
        ...listOf((node.using as Node | undefined)?.tables),
        ...joinTables(node.joins),
      ]);
    case 'UpdateQueryNode':
      return (
        movesPractice(node.updates, 'update') ??
        checkFiltered('update', node, [
          ...(isNode(node.table) ? [node.table] : []),
          ...froms(node.from),
          ...joinTables(node.joins),
        ])
      );
    case 'InsertQueryNode':
      return checkInsert(node);
    default:
      return null;
  }
}

function listOf(value: unknown): Node[] {
  return Array.isArray(value) ? value.filter(isNode) : [];
}

function froms(from: unknown): Node[] {
  return isNode(from) ? listOf(from.froms) : [];
}

function joinTables(joins: unknown): Node[] {
  return listOf(joins).flatMap((join) => (isNode(join.table) ? [join.table] : []));
}

/** A table in a statement's scope: the name its columns are qualified with, and the table itself. */
interface ScopeEntry {
  name: string;
  table: string;
}

function identifierName(node: unknown): string | null {
  if (!isNode(node)) return null;
  if (node.kind === 'IdentifierNode') return typeof node.name === 'string' ? node.name : null;
  if (node.kind === 'SchemableIdentifierNode') return identifierName(node.identifier);
  if (node.kind === 'TableNode') return identifierName(node.table);
  return null;
}

function scopeEntry(node: Node): ScopeEntry | null {
  if (node.kind === 'TableNode') {
    const table = identifierName(node);
    return table ? { name: table, table } : null;
  }
  if (node.kind === 'AliasNode' && isNode(node.node) && node.node.kind === 'TableNode') {
    const table = identifierName(node.node);
    const alias = identifierName(node.alias);
    return table && alias ? { name: alias, table } : null;
  }
  return null; // a derived table or CTE reference: its own statement is checked where it is built
}

/** Facts a condition establishes: names whose practice_id equals a value, and equal practice_id pairs. */
interface Facts {
  fixed: Set<string>;
  same: Array<[string, string]>;
}

function checkFiltered(verb: string, node: Node, tables: Node[]): string | null {
  const scope = tables.map(scopeEntry).filter((entry): entry is ScopeEntry => entry !== null);
  const owned = scope.filter((entry) => practiceOwnedTables.has(entry.table));
  if (owned.length === 0) return null;
  const resolve = resolverFor(scope, owned);
  // WHERE and every inner join's ON filter whole rows; an outer join's ON only decides which
  // rows of the table it joins appear, so it can fix that table alone.
  const whole = collect(isNode(node.where) ? node.where.where : undefined, resolve, emptyFacts());
  const fixed = whole.fixed;
  const edges: Array<[from: string, to: string]> = [];
  if (Array.isArray(node.joins)) {
    for (const join of node.joins as Node[]) {
      if (!isNode(join.on)) continue;
      if (join.joinType === 'InnerJoin') {
        collect(join.on.on, resolve, whole);
        continue;
      }
      const on = collect(join.on.on, resolve, emptyFacts());
      const joined = isNode(join.table) ? scopeEntry(join.table)?.name : undefined;
      if (joined !== undefined && on.fixed.has(joined)) fixed.add(joined);
      for (const [x, y] of on.same) {
        if (y === joined) edges.push([x, y]);
        if (x === joined) edges.push([y, x]);
      }
    }
  }
  for (const [x, y] of whole.same) edges.push([x, y], [y, x]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const [from, to] of edges) {
      if (fixed.has(from) && !fixed.has(to)) {
        fixed.add(to);
        grew = true;
      }
    }
  }
  const missing = owned.filter((entry) => !fixed.has(entry.name));
  if (missing.length === 0) return null;
  const names = missing.map((m) => (m.name === m.table ? m.table : `${m.table} as ${m.name}`)).join(', ');
  return `${verb} on ${names} does not constrain practice_id: filter by the practice (or use unscoped(db, reason))`;
}

/**
 * Maps a reference to `practice_id` onto a scope name: `outer` for a table of an enclosing
 * statement (a correlated subquery; the enclosing statement is checked on its own), null when it
 * is not a practice_id reference or cannot be resolved.
 */
type Resolver = (node: unknown) => string | null;

const OUTER = 'outer';

function resolverFor(scope: ScopeEntry[], owned: ScopeEntry[]): Resolver {
  return (node) => {
    if (!isNode(node)) return null;
    let column: unknown = node;
    let qualifier: string | null = null;
    if (node.kind === 'ReferenceNode') {
      column = node.column;
      qualifier = node.table === undefined ? null : identifierName(node.table);
    }
    if (!isNode(column) || column.kind !== 'ColumnNode' || identifierName(column.column) !== PRACTICE) return null;
    if (qualifier === null) return owned.length === 1 ? owned[0]!.name : null;
    return scope.some((entry) => entry.name === qualifier) ? qualifier : OUTER;
  };
}

function isValue(node: unknown): boolean {
  if (!isNode(node)) return false;
  switch (node.kind) {
    case 'ValueNode':
      return node.value !== null && node.value !== undefined;
    case 'ValueListNode':
    case 'PrimitiveValueListNode':
      return Array.isArray(node.values) && node.values.length > 0;
    case 'SelectQueryNode':
      return true; // a subquery, checked as a statement of its own
    case 'ParensNode':
      return isValue(node.node);
    default:
      return false;
  }
}

/** Adds what a condition establishes to `into` (only conjuncts count; an OR keeps what both sides fix). */
function collect(condition: unknown, resolve: Resolver, into: Facts): Facts {
  if (!isNode(condition)) return into;
  switch (condition.kind) {
    case 'ParensNode':
      return collect(condition.node, resolve, into);
    case 'AndNode':
      collect(condition.left, resolve, into);
      return collect(condition.right, resolve, into);
    case 'OrNode': {
      const left = collect(condition.left, resolve, emptyFacts());
      const right = collect(condition.right, resolve, emptyFacts());
      for (const name of left.fixed) if (right.fixed.has(name)) into.fixed.add(name);
      return into;
    }
    case 'BinaryOperationNode':
      comparison(condition, resolve, into);
      return into;
    default:
      return into;
  }
}

function emptyFacts(): Facts {
  return { fixed: new Set(), same: [] };
}

function comparison(node: Node, resolve: Resolver, into: Facts): void {
  const operator = isNode(node.operator) ? node.operator.operator : null;
  if (operator !== '=' && operator !== 'in') return;
  const left = resolve(node.leftOperand);
  const right = resolve(node.rightOperand);
  if (left && right) {
    if (left === OUTER && right !== OUTER) into.fixed.add(right);
    else if (right === OUTER && left !== OUTER) into.fixed.add(left);
    else if (left !== OUTER) into.same.push([left, right]);
  } else if (left && left !== OUTER && isValue(node.rightOperand)) {
    into.fixed.add(left);
  } else if (right && right !== OUTER && isValue(node.leftOperand)) {
    into.fixed.add(right);
  }
}

function movesPractice(updates: unknown, verb: string): string | null {
  const moved = listOf(updates).some(
    (update) => isNode(update.column) && identifierName(update.column.column) === PRACTICE,
  );
  return moved ? `${verb} sets practice_id: a row never moves to another practice` : null;
}

function checkInsert(node: Node): string | null {
  const table = identifierName(node.into);
  if (!table || !practiceOwnedTables.has(table)) return null;
  const onConflict = isNode(node.onConflict) ? movesPractice(node.onConflict.updates, 'insert … on conflict') : null;
  if (onConflict) return onConflict;
  const columns = listOf(node.columns).map((column) => identifierName(column.column));
  const index = columns.indexOf(PRACTICE);
  if (index < 0) return `insert into ${table} does not set practice_id`;
  if (isNode(node.values) && node.values.kind === 'ValuesNode') {
    for (const row of listOf(node.values.values)) {
      const values = Array.isArray(row.values) ? (row.values as unknown[]) : [];
      const value = values[index];
      const set = row.kind === 'PrimitiveValueListNode' ? value !== null && value !== undefined : isValue(value);
      if (!set) return `insert into ${table} leaves practice_id empty in a row`;
    }
  }
  return null;
}
