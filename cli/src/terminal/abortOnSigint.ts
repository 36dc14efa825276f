/**
 * Ctrl-C aborts long work through an AbortSignal (the library stops after the current batch and
 * keeps what it has) instead of killing the process. Call `release()` when the work is done.
 */
export function abortOnSigint(message: string): { signal: AbortSignal; release: () => void } {
  const controller = new AbortController();
  const onSigint = () => {
    process.stderr.write(`\n${message}\n`);
    controller.abort();
  };
  process.once('SIGINT', onSigint);
  return { signal: controller.signal, release: () => process.off('SIGINT', onSigint) };
}
