// Sums Vitest JSON reports (and failed CI steps) into the plain closing line "N passed, N failed".
import fs from 'node:fs';

const [failedSteps, ...files] = process.argv.slice(2);
let passed = 0;
let failed = Number(failedSteps) || 0;
let skipped = 0;
for (const file of files) {
  if (!fs.existsSync(file)) {
    failed += 1;
    continue;
  }
  const report = JSON.parse(fs.readFileSync(file, 'utf8'));
  passed += report.numPassedTests ?? 0;
  failed += (report.numFailedTests ?? 0) + (report.numFailedTestSuites ?? 0) - countSuitesWithFailedTests(report);
  skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
}

// A file that fails to load counts as one failure; a file whose tests failed is already counted by its tests.
function countSuitesWithFailedTests(report) {
  return (report.testResults ?? []).filter((r) => r.status === 'failed' && (r.assertionResults ?? []).some((a) => a.status === 'failed'))
    .length;
}

console.log(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
