// Only the listings lifecycle writes a listing's status, owner and expiry columns: this reads every source file's
// syntax tree (not its text, so line breaks and spacing do not matter) and fails on any other write of them.
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { LIFECYCLE_COLUMNS } from '../../../src/components/listings/index.js';

const SRC = path.resolve(import.meta.dirname, '../../../src');
const OWNER = path.join('components', 'listings', 'lifecycle.ts');
const WRITES = new Set(['update', 'insert', 'upsert', 'merge']);
const TABLE_CALLS = new Set(['from', 'into', 'table', 'update', 'insert']);
const LISTINGS = /^listings(\s+as\s+\w+)?$/i;
const RAW_WRITE = /\b(update\s+"?listings"?\s+set|insert\s+into\s+"?listings"?)\b/i;
const owned = new Set<string>(LIFECYCLE_COLUMNS);

const isString = (n: ts.Node | undefined): n is ts.StringLiteralLike =>
  !!n && (ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n));
const isContentOnly = (n: ts.Expression) => ts.isCallExpression(n) && ts.isIdentifier(n.expression) && n.expression.text === 'contentOnly';

/** Whether a query-builder chain starts at the listings table: trx('listings'), db('listings as l'), q.from('listings')… */
function targetsListings(receiver: ts.Expression): boolean {
  let node: ts.Expression = receiver;
  for (;;) {
    if (ts.isCallExpression(node)) {
      const callee = node.expression;
      const named = ts.isIdentifier(callee) || (ts.isPropertyAccessExpression(callee) && TABLE_CALLS.has(callee.name.text));
      if (named && isString(node.arguments[0]) && LISTINGS.test(node.arguments[0].text)) return true;
      node = callee;
    } else if (ts.isPropertyAccessExpression(node) || ts.isParenthesizedExpression(node) || ts.isAwaitExpression(node)) {
      node = node.expression;
    } else return false;
  }
}

/** What is wrong with a write's payload: a lifecycle column by name, or columns nobody can read off the code. */
function payloadProblems(arg: ts.Expression | undefined): string[] {
  if (!arg) return [];
  if (isContentOnly(arg)) return [];
  if (ts.isArrayLiteralExpression(arg)) return arg.elements.flatMap((e) => payloadProblems(e as ts.Expression));
  if (!ts.isObjectLiteralExpression(arg)) return [`columns not visible (${arg.getText().slice(0, 40)}): wrap them in contentOnly()`];
  return arg.properties.flatMap((p) => {
    if (ts.isSpreadAssignment(p)) return spreadProblems(p.expression);
    const name = p.name && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) ? p.name.text : null;
    return name && owned.has(name) ? [`writes ${name}`] : [];
  });
}

/** A spread inside a payload: contentOnly(), or a literal (maybe chosen by `a ? {…} : {}`) checked like any payload. */
function spreadProblems(e: ts.Expression): string[] {
  if (ts.isParenthesizedExpression(e)) return spreadProblems(e.expression);
  if (ts.isConditionalExpression(e)) return [...spreadProblems(e.whenTrue), ...spreadProblems(e.whenFalse)];
  if (ts.isObjectLiteralExpression(e) || isContentOnly(e)) return payloadProblems(e);
  return [`spread ${e.getText().slice(0, 40)}: wrap it in contentOnly()`];
}

/** A call of .update(), .insert(), .upsert() or .merge() on some query builder. */
const isWrite = (n: ts.Node): n is ts.CallExpression & { expression: ts.PropertyAccessExpression } =>
  ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && WRITES.has(n.expression.name.text);

/** Every write of a lifecycle column in one file's source, as "line: what". */
export function lifecycleWrites(fileName: string, source: string): string[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const at = (n: ts.Node) => file.getLineAndCharacterOfPosition(n.getStart()).line + 1;
  const visit = (n: ts.Node): void => {
    if (isWrite(n) && targetsListings(n.expression.expression)) {
      const [first, second] = n.arguments;
      const problems = isString(first) && second ? (owned.has(first.text) ? [`writes ${first.text}`] : []) : payloadProblems(first);
      found.push(...problems.map((p) => `${at(n)}: ${p}`));
    }
    if ((isString(n) || ts.isTemplateExpression(n)) && RAW_WRITE.test(n.getText())) found.push(`${at(n)}: SQL writing listings`);
    ts.forEachChild(n, visit);
  };
  visit(file);
  return found;
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? sourceFiles(full) : e.name.endsWith('.ts') ? [full] : [];
  });
}

describe('the listings lifecycle is the only writer of status, owner and expiry', () => {
  it('no file under src/ but lifecycle.ts writes those columns of listings', () => {
    const offenders = sourceFiles(SRC)
      .filter((f) => path.relative(SRC, f) !== OWNER)
      .flatMap((f) => lifecycleWrites(f, fs.readFileSync(f, 'utf8')).map((w) => `${path.relative(SRC, f)}:${w}`));
    expect(offenders).toEqual([]);
  });

  it('lifecycle.ts itself is seen writing them (the scan finds what it looks for)', () => {
    expect(lifecycleWrites(OWNER, fs.readFileSync(path.join(SRC, OWNER), 'utf8')).length).toBeGreaterThan(3);
  });

  it('catches a write however it is formatted, aliased, spread, hidden in a variable or written as SQL', () => {
    const caught = (code: string) => lifecycleWrites('x.ts', code);
    expect(caught(`await trx('listings').where({ id }).update({ status: 'closed' });`)).toHaveLength(1);
    const multiline = `await trx(\n  "listings"\n)\n  .where({ id })\n  .update({\n    updated_at: now,\n    'owner_id': 3,\n  });`;
    expect(caught(multiline)).toHaveLength(1);
    expect(caught('await db(`listings as l`).where("l.id", 1).update("expires_at", null);')).toHaveLength(1);
    expect(caught(`await knex.from('listings').whereIn('id', ids).update(fields);`)).toHaveLength(1);
    expect(caught(`await trx('listings').update({ ...state, updated_at: now });`)).toHaveLength(1);
    expect(caught(`await trx('listings').update({ a: 1, ...(gone ? { deleted_at: now } : {}) });`)).toHaveLength(1);
    expect(caught(`await trx('listings').insert([{ name: 'a', status: 'draft' }]).returning('id');`)).toHaveLength(1);
    expect(caught('await db.raw(`UPDATE listings SET status = ? WHERE id = ?`, [s, id]);')).toHaveLength(1);
    expect(caught(`await db.raw('insert into "listings" (name) values (?)', [n]);`)).toHaveLength(1);
  });

  it('lets other writes through: content columns, contentOnly(), other tables, reads', () => {
    const caught = (code: string) => lifecycleWrites('x.ts', code);
    expect(caught(`await trx('listings').where({ id }).update({ holiday_rule: rule, updated_at: now });`)).toEqual([]);
    expect(caught(`await trx('listings').where({ id }).update(contentOnly(patch));`)).toEqual([]);
    expect(caught(`await trx('listings').update({ ...contentOnly(fields), updated_at: now });`)).toEqual([]);
    expect(caught(`await trx('listings').update({ a: 1, ...(shut ? { out_of_business_at: now } : {}) });`)).toEqual([]);
    expect(caught(`await trx('reviews').where({ id }).update({ status: 'hidden' });`)).toEqual([]);
    expect(caught(`const rows = await db('listings').where({ status: 'published' }).select('id', 'expires_at');`)).toEqual([]);
  });
});
