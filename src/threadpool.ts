/**
 * Imported first by the server: libuv's thread pool runs every SQLite query (writer and read pool), zlib
 * compression and file reads. Its default of 4 threads is what a full read pool alone would take, so compression
 * and uploads would queue behind page reads. Must be set before the pool's first use; an explicit value wins.
 */
process.env.UV_THREADPOOL_SIZE ??= '8';
export {};
