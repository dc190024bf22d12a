/**
 * Where an OpenStack resource lives: its own `region`, else its provider's `region`, else the
 * provider's Keystone URL when that endpoint serves only EU regions. "unknown" means a value the
 * engine does not know yet (preview); "none" means nothing says where it goes (fail closed).
 */
import type { PolicySettings } from "../config";
import { isUnknown, raw, str, type Props } from "./values";

export type Placement =
  | { kind: "region"; region: string; from: "resource" | "provider" }
  | { kind: "auth-url"; authUrl: string; eu: boolean }
  | { kind: "unknown" }
  | { kind: "none" };

function normaliseUrl(url: string): string {
  return url.trim().replace(/\/+$/, "").toLowerCase();
}

export function euAuthUrl(url: string, settings: PolicySettings): boolean {
  const wanted = normaliseUrl(url);
  return settings.euAuthUrls.some((u) => normaliseUrl(u) === wanted);
}

export function placementOf(
  props: Props,
  provider: { props: unknown } | undefined,
  settings: PolicySettings,
): Placement {
  if (isUnknown(props.region)) return { kind: "unknown" };
  const own = str(props.region);
  if (own) return { kind: "region", region: own, from: "resource" };
  if (!provider) return { kind: "none" };
  const p = raw(provider.props);
  if (isUnknown(p.region)) return { kind: "unknown" };
  const region = str(p.region);
  if (region) return { kind: "region", region, from: "provider" };
  if (isUnknown(p.authUrl)) return { kind: "unknown" };
  const authUrl = str(p.authUrl);
  if (authUrl) return { kind: "auth-url", authUrl, eu: euAuthUrl(authUrl, settings) };
  return { kind: "none" };
}

export function isAllowedRegion(region: string, settings: PolicySettings): boolean {
  return settings.allowedRegions.includes(region);
}
