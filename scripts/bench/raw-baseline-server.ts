/**
 * The bench's wire-speed baseline: a bare node:http server sending the same bytes for every request — one of the app's
 * listing pages as it went over the wire (already compressed when the bench asked for an encoding), with its
 * Content-Type, Content-Encoding and ETag. Nothing is parsed, routed or computed per request: what the front's answer
 * of a kept page is compared with. Run as `node dist/scripts/bench/raw-baseline-server.js FILE PORT`, FILE a JSON
 * `{ headers, body (base64) }`.
 */
import fs from 'node:fs';
import http from 'node:http';

const [file, port] = [process.argv[2], Number(process.argv[3])];
const page = JSON.parse(fs.readFileSync(file, 'utf8')) as { headers: Record<string, string>; body: string };
const body = Buffer.from(page.body, 'base64');
const head = [...Object.entries(page.headers).flat(), 'Content-Length', String(body.length)];
http.createServer((req, res) => {
  res.writeHead(200, head);
  res.end(req.method === 'HEAD' ? undefined : body);
}).listen(port, '127.0.0.1');
