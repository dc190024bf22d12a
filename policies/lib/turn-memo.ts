/**
 * A memo that lives for one synchronous turn. The analyzer server (patched, patches/README.md)
 * runs every policy of an Analyze call one after the other, synchronously, on the same
 * deserialised properties object; the in-process evaluator does the same. So a result computed
 * from that object by the first policy can be reused by the next ones of the same turn, and must
 * be forgotten before the next turn: by then the object may be another request's, or a test may
 * have changed it in place. The memo keeps one entry and clears it in a microtask, which runs
 * once the current synchronous work is done.
 */
export function turnMemo<K extends object, V>(): {
  get(key: K): V | undefined;
  set(key: K, value: V): V;
} {
  let entry: { key: K; value: V } | undefined;
  return {
    get: (key) => (entry !== undefined && entry.key === key ? entry.value : undefined),
    set: (key, value) => {
      const current = { key, value };
      entry = current;
      queueMicrotask(() => {
        if (entry === current) entry = undefined;
      });
      return value;
    },
  };
}
