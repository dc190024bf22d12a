/**
 * A memo that lives for one synchronous turn. The analyzer server (patched, patches/README.md)
 * runs every policy of an Analyze call one after the other, synchronously, on the same
 * deserialised properties object; the in-process evaluator does the same. So a result computed
 * from that object by the first policy can be reused by the next ones of the same turn, and must
 * be forgotten before the next turn: by then the object may be another request's, or a test may
 * have changed it in place. The memo keeps one entry, valid for the turn it was made in.
 */
export function turnMemo<K extends object, V>(): {
  get(key: K): V | undefined;
  set(key: K, value: V): V;
} {
  let entry: { key: K; value: V; turn: Turn } | undefined;
  return {
    get: (key) =>
      entry !== undefined && entry.key === key && entry.turn === currentTurn
        ? entry.value
        : undefined,
    set: (key, value) => {
      entry = { key, value, turn: thisTurn() };
      return value;
    },
  };
}

/** One synchronous turn, told apart from the others by identity. */
type Turn = object;

let currentTurn: Turn | undefined;

/**
 * The token of the current turn, made on first use. One microtask, queued with it, ends the turn
 * for every memo at once (it runs once the current synchronous work is done): an Analyze call
 * sets some ten memo entries, and a microtask per entry was a measurable share of the call.
 */
function thisTurn(): Turn {
  if (currentTurn === undefined) {
    const turn = {};
    currentTurn = turn;
    queueMicrotask(() => {
      if (currentTurn === turn) currentTurn = undefined;
    });
  }
  return currentTurn;
}
