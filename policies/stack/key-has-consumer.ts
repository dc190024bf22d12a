import { stackPolicy } from "../lib/define";
import { StackIndex } from "../lib/stack-index";
import { str } from "../lib/values";
import { req } from "../requirements";

const keyTypes = new Set(["symmetric", "private"]);

/** Every key in the key manager protects something: an orphan key is an unaccounted-for asset. */
export function keyHasConsumer() {
  return stackPolicy({
    name: "openstack-keymanager-key-has-consumer",
    description:
      "Every key-manager key (OrderV1, key-type SecretV1) is used by another resource of the stack.",
    enforcementLevel: "mandatory",
    meta: {
      area: "stack",
      severity: "medium",
      requirements: [req.sncSecrets, req.sncAssetInventory, req.isoAssets],
      remediation:
        "Reference the key from the resource it protects (volume type, container, workspace...), or remove it.",
      settings: [],
    },
    validate: (args, _settings, report) => {
      const index = StackIndex.of(args.resources);
      const keys = [
        ...index.ofTypes(["openstack:keymanager/orderV1:OrderV1"]),
        ...index
          .ofTypes(["openstack:keymanager/secretV1:SecretV1"])
          .filter((s) => keyTypes.has(str(s.props.secretType)?.toLowerCase() ?? "")),
      ];
      for (const key of keys) {
        const consumers = index.dependantsOf(key.urn).filter((r) => r.urn !== key.urn);
        if (consumers.length === 0) {
          report(
            `Key "${key.name}" is used by no resource of the stack. Wire it to what it protects, or remove it.`,
            key.urn,
          );
        }
      }
    },
  });
}
