/** The signals that stop long work gracefully, with the exit status a shell expects for each. */
const STOPPING = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 } as const;
type Stopping = keyof typeof STOPPING;

/**
 * Ctrl-C (or SIGTERM, SIGHUP) aborts long work through an AbortSignal (the library stops after
 * the current batch and keeps what it has) instead of killing the process; `exitCode()` is then
 * 128 + the signal's number. A second signal ends the process at once. Call `release()` when the
 * work is done.
 */
export function abortOnSigint(message: string): { signal: AbortSignal; exitCode: () => number | undefined; release: () => void } {
  const controller = new AbortController();
  let received: Stopping | undefined;
  const handlers = (Object.keys(STOPPING) as Stopping[]).map((name) => {
    const handler = () => {
      if (received) process.exit(STOPPING[name]);
      received = name;
      process.stderr.write(`\n${message}\n`);
      controller.abort();
    };
    process.on(name, handler);
    return [name, handler] as const;
  });
  return {
    signal: controller.signal,
    exitCode: () => (received ? STOPPING[received] : undefined),
    release: () => {
      for (const [name, handler] of handlers) process.off(name, handler);
    },
  };
}
