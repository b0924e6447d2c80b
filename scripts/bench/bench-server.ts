/** Child process of the benchmarks: serves the app on 127.0.0.1 over a generated SQLite database and prints its origin. */
import { startBenchServer } from './bench-kit.js';

const listings = Number(process.argv[2] ?? '100000');
const server = await startBenchServer(listings);
process.stdout.write(`READY ${server.origin} ${process.pid}\n`);
const stop = () => void server.close().then(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
