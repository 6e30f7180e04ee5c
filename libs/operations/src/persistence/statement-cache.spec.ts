import Database from 'better-sqlite3';
import { withStatementCache } from './statement-cache';

describe('withStatementCache', () => {
  let raw: Database.Database;

  beforeEach(() => {
    raw = new Database(':memory:');
    raw.exec('create table t (id integer primary key, v text)');
  });
  afterEach(() => {
    if (raw.open) raw.close();
  });

  it('prepares a SQL text once and reuses the statement', () => {
    const prepare = jest.spyOn(raw, 'prepare');
    const db = withStatementCache(raw);
    const first = db.prepare('insert into t (v) values (?)');
    first.run(['a']);
    const second = db.prepare('insert into t (v) values (?)');
    second.run(['b']);
    expect(second).toBe(first);
    expect(prepare).toHaveBeenCalledTimes(1);
    expect(db.prepare('select v from t order by id').all([])).toEqual([{ v: 'a' }, { v: 'b' }]);
  });

  it('keeps at most `capacity` statements, dropping the least recently used', () => {
    const prepare = jest.spyOn(raw, 'prepare');
    const db = withStatementCache(raw, 2);
    const a = db.prepare('select 1');
    db.prepare('select 2');
    expect(db.prepare('select 1')).toBe(a); // a is now the most recently used
    db.prepare('select 3'); // evicts 'select 2'
    expect(db.prepare('select 1')).toBe(a);
    db.prepare('select 2');
    expect(prepare.mock.calls.map(([sql]) => sql)).toEqual([
      'select 1',
      'select 2',
      'select 3',
      'select 2',
    ]);
  });

  it('closes the database', () => {
    withStatementCache(raw).close();
    expect(raw.open).toBe(false);
  });
});
