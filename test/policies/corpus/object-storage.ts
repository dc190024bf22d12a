/**
 * Object storage exposure: public, referrer and any-project ACLs in every spelling and position,
 * both ACLs, both container types; temporary URLs minted or armed; containers mirrored elsewhere by
 * container sync. Each with a compliant twin.
 */
import { ownership, unknown, type Stack } from "../baseline";
import { bad, good, unknownOf, type Case } from "./case";

export const objectStoragePolicies = {
  acl: "openstack-objectstorage-container-no-public-acl",
  tempUrl: "openstack-objectstorage-container-no-temp-url",
  sync: "openstack-objectstorage-container-no-sync",
} as const;
const P = objectStoragePolicies;

const airlock = (s: Stack) => s.inputs("airlock");

export const objectStorageCases: Case[] = [
  bad("a container readable by any referrer is rejected", [P.acl], (s) => {
    airlock(s).containerRead = ".r:*";
  }),
  bad("a container readable and listable by anyone is rejected", [P.acl], (s) => {
    airlock(s).containerRead = ".r:*,.rlistings";
  }),
  bad(
    "a referrer grant spelled .referrer:, second in the list after a named project, is rejected",
    [P.acl],
    (s) => {
      airlock(s).containerRead = "3f1c0ffee:alice , .referrer:portal.example.fr";
    },
  ),
  bad("a container granting listing alone is rejected", [P.acl], (s) => {
    airlock(s).containerRead = "project-a:*,.rlistings";
  }),
  bad("a container writable by every user of every project is rejected", [P.acl], (s) => {
    airlock(s).containerWrite = "*:*";
  }),
  bad("a legacy ContainerV1 readable by any referrer is rejected", [P.acl], (s) =>
    s.add("legacy", "openstack:objectstorage/containerV1:ContainerV1", {
      metadata: { ...ownership },
      containerRead: ".ref:*",
    }),
  ),
  good("a container shared with a named project and user passes", (s) => {
    airlock(s).containerRead = "project-a:*,project-b:alice";
    airlock(s).containerWrite = "project-a:bob";
  }),
  good("a referrer denial alone grants nothing and passes", (s) => {
    airlock(s).containerRead = ".r:-thief.example.com";
  }),
  bad(
    "a read ACL unknown during preview is reported as unknown, not compliant",
    [unknownOf(P.acl)],
    (s) => {
      airlock(s).containerRead = unknown;
    },
  ),

  bad("a temporary GET URL to an object is rejected", [P.tempUrl], (s) =>
    s.add("share-link", "openstack:objectstorage/tempUrl:TempUrl", {
      container: "airlock",
      object: "cohort.parquet",
      ttl: 3600,
    }),
  ),
  bad("a temporary PUT URL is rejected", [P.tempUrl], (s) =>
    s.add("upload-link", "openstack:objectstorage/tempUrl:TempUrl", {
      container: "airlock",
      object: "incoming.csv",
      method: "put",
      ttl: 600,
    }),
  ),
  bad("a container armed with a Temp-URL-Key is rejected", [P.tempUrl], (s) => {
    airlock(s).metadata = { ...ownership, "Temp-URL-Key": "s3cr3t" };
  }),
  bad("a container armed with the second key, header spelling, is rejected", [P.tempUrl], (s) => {
    airlock(s).metadata = { ...ownership, "X-Container-Meta-Temp-URL-Key-2": "s3cr3t" };
  }),
  good("a container with ordinary metadata passes", (s) => {
    airlock(s).metadata = { ...ownership, "retention-days": "30" };
  }),

  bad("a container mirrored to another cluster by container sync is rejected", [P.sync], (s) => {
    airlock(s).containerSyncTo = "//eu-realm/backup-cluster/AUTH_9f2c/airlock-mirror";
    airlock(s).containerSyncKey = "s3cr3t";
  }),
  bad(
    "a legacy ContainerV1 mirrored to a container of the same cluster is rejected",
    [P.sync],
    (s) =>
      s.add("legacy", "openstack:objectstorage/containerV1:ContainerV1", {
        metadata: { ...ownership },
        containerSyncTo: "/AUTH_9f2c/elsewhere",
      }),
  ),
  good("a container that only accepts a sync from elsewhere (a key, no target) passes", (s) => {
    airlock(s).containerSyncKey = "s3cr3t";
  }),
  bad(
    "a sync target unknown during preview is reported as unknown, not compliant",
    [unknownOf(P.sync)],
    (s) => {
      airlock(s).containerSyncTo = unknown;
    },
  ),
];
