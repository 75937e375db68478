// The few operations the SQL store needs, over node:sqlite and pg alike.
// Statements are written with $1, $2 … (PostgreSQL style); the SQLite side
// rewrites them to ?1, ?2 …, which SQLite binds the same way.

export type Row = Record<string, unknown>;

export interface Db {
  readonly kind: 'sqlite' | 'postgres';
  /** Runs a script of statements with no parameters (migrations). */
  exec(sql: string): Promise<void>;
  query<R extends Row = Row>(sql: string, params?: readonly unknown[]): Promise<R[]>;
  /** Runs fn inside one transaction: all of it or none of it. Statements from other callers never run inside it. */
  transaction<T>(fn: (db: Db) => Promise<T>): Promise<T>;
  /** Runs fn while no other process holding this lock runs (PostgreSQL: an advisory lock); used around migrations. */
  lock<T>(fn: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
