/**
 * One `apitype.ResourceV3` record (an export's `deployment.resources[i]`, a preview step's
 * `newState`) → NormalizedResource. Shared by the export and preview normalisers because the
 * engine serialises both with the same `stack.SerializeResource`.
 */
import type { NormalizedResource } from "../../offline/resource-model";
import { UserError } from "../user-error";
import {
  decodeProperties,
  isObject,
  nameFromUrn,
  providerUrnOf,
  type SourceKind,
} from "./property-values";
import { describe } from "../artifact/read-artifact";

export function normalizeResourceV3(
  raw: unknown,
  where: string,
  source: SourceKind,
): NormalizedResource {
  const fix = "The artifact was edited or cut short: export it again from the Pulumi CLI.";
  if (!isObject(raw)) throw new UserError(`${where} is ${describe(raw)}, not a resource.`, fix);
  const urn = raw.urn;
  const type = raw.type;
  if (typeof urn !== "string" || !urn.startsWith("urn:pulumi:")) {
    throw new UserError(
      `${where} has no valid "urn" (found ${typeof urn === "string" ? JSON.stringify(urn.slice(0, 200)) : describe(urn)}).`,
      fix,
    );
  }
  if (typeof type !== "string" || type === "") {
    throw new UserError(`${where} (${urn}) has no "type".`, fix);
  }
  const inputs = raw.inputs === undefined ? {} : raw.inputs;
  if (!isObject(inputs))
    throw new UserError(`${where} (${urn}): "inputs" is ${describe(inputs)}.`, fix);
  const dependencies = raw.dependencies ?? [];
  if (!Array.isArray(dependencies) || dependencies.some((d) => typeof d !== "string")) {
    throw new UserError(`${where} (${urn}): "dependencies" is not a list of URNs.`, fix);
  }
  const decoded = decodeProperties(inputs, source);
  const normalized: NormalizedResource = {
    type,
    urn,
    name: nameFromUrn(urn),
    custom: raw.custom === true,
    inputs: decoded.value,
    secretPaths: decoded.secretPaths,
    protect: raw.protect === true,
    retainOnDelete: raw.retainOnDelete === true,
    dependencies: dependencies as string[],
    source,
  };
  const provider = providerUrnOf(typeof raw.provider === "string" ? raw.provider : undefined);
  if (provider) normalized.providerUrn = provider;
  if (typeof raw.parent === "string" && raw.parent !== "") normalized.parent = raw.parent;
  if (Object.keys(decoded.secretDigests).length > 0)
    normalized.secretDigests = decoded.secretDigests;
  if (isObject(raw.propertyDependencies)) {
    normalized.propertyDependencies = Object.fromEntries(
      Object.entries(raw.propertyDependencies).map(([k, v]) => [
        k,
        Array.isArray(v) ? v.filter((u): u is string => typeof u === "string") : [],
      ]),
    );
  }
  return normalized;
}
