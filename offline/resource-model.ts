/**
 * The one resource model every report and every in-process policy evaluation reads.
 *
 * Planned resources (from the mock engine), a `pulumi stack export` checkpoint and a
 * `pulumi preview --json` are each normalised into a list of these before anything else looks at
 * them, so a rule or a renderer is written once and works on all three.
 */
export interface NormalizedResource {
  /** Pulumi type token, e.g. `openstack:blockstorage/volume:Volume`. */
  type: string;
  urn: string;
  /** Logical name (the last URN segment). */
  name: string;
  /** True for provider-managed resources, false for components (and the stack). */
  custom: boolean;
  /**
   * Input properties as plain values: secrets unwrapped (and remembered in `secretPaths`), values
   * unknown at preview kept as the `unknownValue` marker so rules can skip them.
   */
  inputs: Record<string, unknown>;
  /** Property paths (dot/bracket form) whose value was a secret in the source. */
  secretPaths: string[];
  /**
   * Keyed digest of each secret whose value the source lets us digest (cli/secret-digest.ts), by
   * path: what `--baseline` compares instead of the withheld values.
   */
  secretDigests?: Record<string, string>;
  /** URN of the provider resource this one is managed by, if any. */
  providerUrn?: string;
  parent?: string;
  protect: boolean;
  retainOnDelete: boolean;
  dependencies: string[];
  /**
   * Dependencies by input property (what the engine sends policies as `propertyDependencies`),
   * when the source records them (plans and stack exports do).
   */
  propertyDependencies?: Record<string, string[]>;
  /** Where it came from, for reports: a plan, a stack export or a preview. */
  source: "plan" | "export" | "preview";
}

/** Marker for a value not known until the resource is created (preview-time unknown). */
export const unknownValue = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
