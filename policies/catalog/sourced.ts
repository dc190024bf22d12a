/**
 * A fact of the provider catalogue with where it comes from. Every fact the program, the config
 * schema or the pack relies on carries the public page it was read on; a fact that could not be
 * confirmed from a public page says so (`verified: false`) and is shown as such in
 * docs/providers.md, so nobody mistakes a belief for a checked fact.
 */
export interface Sourced<T> {
  readonly value: T;
  /** Public URL the fact was read on. */
  readonly source: string;
  /** False when no public page confirmed it: the docs mark it "unverified". */
  readonly verified: boolean;
  /** What exactly the source says, or why the fact is unverified. */
  readonly note?: string;
}

/** A fact confirmed on its source page. */
export function fact<T>(value: T, source: string, note?: string): Sourced<T> {
  return note === undefined
    ? { value, source, verified: true }
    : { value, source, verified: true, note };
}

/** A fact we believe but could not confirm on a public page: shown as unverified. */
export function unverified<T>(value: T, source: string, note: string): Sourced<T> {
  return { value, source, verified: false, note };
}
