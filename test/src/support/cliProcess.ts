import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { TestContext } from 'node:test';
import { stopChild } from './redisServer.js';

/** The workspace's own `spectracam` (TypeScript sources through tsx). */
export const spectracamBin = fileURLToPath(new URL('../../../cli/bin/spectracam.js', import.meta.url));

export interface CliProcess {
  child: ChildProcess;
  /** stdout and stderr so far, interleaved as they came. */
  output(): string;
  /** Resolves with the match once the output matches `pattern`; rejects after `ms` or if the process ends first. */
  waitFor(pattern: RegExp, ms?: number): Promise<RegExpMatchArray>;
  /** Exit code (128 + signal number when killed). */
  exited: Promise<number>;
}

/** A long-running `spectracam` (worker, coordinator) whose output a test can wait on; killed after the test. */
export function startCli(t: TestContext, args: string[], options: { cwd?: string } = {}): CliProcess {
  const child = spawn(process.execPath, [spectracamBin, ...args], { cwd: options.cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let text = '';
  const listeners = new Set<() => void>();
  const append = (b: Buffer) => {
    text += b.toString();
    for (const l of listeners) l();
  };
  child.stdout!.on('data', append);
  child.stderr!.on('data', append);
  const signals: Record<string, number> = { SIGKILL: 9, SIGTERM: 15, SIGINT: 2 };
  const exited = new Promise<number>((resolve) => child.once('exit', (code, signal) => resolve(code ?? 128 + (signals[signal ?? ''] ?? 0))));
  let ended = false;
  void exited.then(() => {
    ended = true;
    for (const l of listeners) l();
  });
  t.after(() => stopChild(child));
  return {
    child,
    output: () => text,
    exited,
    waitFor(pattern, ms = 60_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const m = text.match(pattern);
          if (m) done(() => resolve(m));
          else if (ended) done(() => reject(new Error(`process ended before ${pattern}; output:\n${text}`)));
        };
        const timer = setTimeout(() => done(() => reject(new Error(`no ${pattern} within ${ms} ms; output:\n${text}`))), ms);
        const done = (f: () => void) => {
          clearTimeout(timer);
          listeners.delete(check);
          f();
        };
        listeners.add(check);
        check();
      });
    },
  };
}
