/**
 * A read shared by concurrent callers without ever answering one with a value read before it asked: a caller that
 * arrives while a read runs waits for the next one, which starts when the running one ends.
 */
export function coalesce<T>(read: () => Promise<T>): () => Promise<T> {
  let running: Promise<T> | null = null;
  let queued: Promise<T> | null = null;
  const start = (): Promise<T> => {
    const p = read();
    running = p;
    const done = () => { if (running === p) running = null; };
    p.then(done, done);
    return p;
  };
  return () => {
    if (!running) return start();
    if (!queued) {
      queued = running.then(() => undefined, () => undefined).then(() => {
        queued = null;
        return start();
      });
    }
    return queued;
  };
}
