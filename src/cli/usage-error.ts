/** The command line itself is wrong (unknown command or flag, missing spec): exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}
