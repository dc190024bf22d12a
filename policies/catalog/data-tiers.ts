/**
 * The data tiers and the controls each one compiles to, written once. The config schema accepts
 * these tiers, the workspace component builds from them, the policy pack checks against them and
 * docs/data-tiers.md is generated from them.
 *
 * In the spirit of the Turing Data Safe Haven's tiers 0-4. Pseudonymised SNDS extracts are tier 3
 * at least; tier 4 is for re-identifiable or especially sensitive extracts.
 */

export type DataTier = 0 | 1 | 2 | 3 | 4;

export const dataTiers: readonly DataTier[] = [0, 1, 2, 3, 4];

/** How a workspace may reach the in-platform package mirror. */
export type MirrorAccess = "full" | "allowlist" | "none";

export interface TierControls {
  readonly tier: DataTier;
  /** What the tier is for, one line. */
  readonly description: string;
  /** Whether the workspace may reach the internet at all (only for open data). */
  readonly internetEgress: boolean;
  /** Package mirror access from inside the workspace. */
  readonly mirror: MirrorAccess;
  /** Distinct reviewers, outside the project's own researchers, needed to approve an export. */
  readonly exportReviewers: number;
  /** Whether copy-paste between the researcher's desktop and the workspace is allowed. */
  readonly clipboard: boolean;
  /** Whether the workspace's data is encrypted under its own key in the key manager. */
  readonly dedicatedKey: boolean;
  /** How long a closed workspace's archive (and its key) is kept before crypto-shredding, in days. */
  readonly archiveRetentionDays: number;
}

export const tierControls: Readonly<Record<DataTier, TierControls>> = {
  0: {
    tier: 0,
    description: "Open data, no personal data",
    internetEgress: true,
    mirror: "full",
    exportReviewers: 0,
    clipboard: true,
    dedicatedKey: true,
    archiveRetentionDays: 365,
  },
  1: {
    tier: 1,
    description: "Non-personal data whose disclosure would cause little harm",
    internetEgress: false,
    mirror: "full",
    exportReviewers: 1,
    clipboard: true,
    dedicatedKey: true,
    archiveRetentionDays: 365,
  },
  2: {
    tier: 2,
    description: "Aggregated or anonymised health data",
    internetEgress: false,
    mirror: "full",
    exportReviewers: 1,
    clipboard: false,
    dedicatedKey: true,
    archiveRetentionDays: 3 * 365,
  },
  3: {
    tier: 3,
    description: "Pseudonymised health data (SNDS extracts)",
    internetEgress: false,
    mirror: "allowlist",
    exportReviewers: 2,
    clipboard: false,
    dedicatedKey: true,
    archiveRetentionDays: 5 * 365,
  },
  4: {
    tier: 4,
    description: "Highly sensitive or re-identifiable health data",
    internetEgress: false,
    mirror: "none",
    exportReviewers: 2,
    clipboard: false,
    dedicatedKey: true,
    archiveRetentionDays: 5 * 365,
  },
};
