// Prints one closing line, `N passed, N failed[, N skipped]`, that CI reads to count tests.
// It is written when the process exits so it follows jest's own summary, which lands later on stderr.
export default class SummaryReporter {
  onRunComplete(_contexts, results) {
    const skipped = results.numPendingTests + results.numTodoTests;
    const failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
    const line =
      `${results.numPassedTests} passed, ${failed} failed` + (skipped > 0 ? `, ${skipped} skipped` : '');
    process.once('exit', () => process.stdout.write(`\n${line}\n`));
  }
}
