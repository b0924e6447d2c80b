export {
  createKnex,
  createReadKnex,
  isBusyError,
  retryBusyTransactions,
  clientOf,
  assertReachable,
  checkDatabase,
  type Db,
  type DbClient,
} from './knex.js';
export { migrateLatest, migrateRollback, migrationStatus } from './migrate.js';
export { toDate, toBool, toNumber, seoulDay, containsInsensitive } from './dialect.js';
export {
  commaList,
  engineOf,
  firstRowOf,
  floatRow,
  insertedId,
  instantAtMost,
  joinInWrittenOrder,
  jsonArrayAgg,
  jsonObjectFn,
  lockedForUpdate,
  rowsOf,
  type Engine,
} from './sql-dialect.js';
export { copyDatabase, type CopyReport } from './copy.js';
export { queryHot, queryPrepared } from './prepared.js';
export { drainPool } from './pool.js';
