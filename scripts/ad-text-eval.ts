/** Prints the print-ad parser's precision and recall per field on its judged set; `--misses` lists every miss. */
import { evaluate, formatTable, JUDGED } from './ad-text-judged.js';

const result = evaluate();
console.log(formatTable(result));
console.log('\nHeld out (not used to tune the parser):');
console.log(formatTable(evaluate(JUDGED.filter((a) => a.heldOut))));
if (process.argv.includes('--misses')) {
  for (const m of result.misses) console.log(`${m.id} ${m.field}\n  judged: ${m.expected}\n  read:   ${m.got}`);
  for (const d of result.dirty) console.log(`${d.id} leftover: ${d.fields.join(' ; ')}`);
}
