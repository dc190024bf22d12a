/**
 * Resources for the anchor pack (@pulumi/awsguard): AWS-typed, with the inputs its policies read,
 * cycling over every type one of its policies validates, half compliant and half not, so every
 * Analyze call runs real policy code as ours does on our own plan.
 *
 * Left out on purpose: ACM certificates, IAM access keys and IAM login profiles, whose awsguard
 * policies call the AWS API (no network here, and a network round trip is not policy cost).
 */
import type { NormalizedResource } from "../../offline/resource-model";

type Inputs = (i: number, ok: boolean) => Record<string, unknown>;

const tags = (i: number) => ({ project: `p${i % 50}`, owner: "bench", classification: "internal" });

/** Type token (checked against @pulumi/aws 4.38.1's `__pulumiType`) → inputs. */
const shapes: ReadonlyArray<[string, Inputs]> = [
  [
    "aws:ec2/instance:Instance",
    (i, ok) => ({
      ami: "ami-0abcdef1234567890",
      instanceType: "t3.medium",
      monitoring: ok,
      associatePublicIpAddress: !ok,
      rootBlockDevice: { encrypted: ok, volumeSize: 20 },
      ebsBlockDevices: [
        { deviceName: "/dev/sdf", encrypted: ok, volumeSize: 100, deleteOnTermination: ok },
      ],
      subnetId: `subnet-${i}`,
      tags: tags(i),
    }),
  ],
  [
    "aws:rds/instance:Instance",
    (i, ok) => ({
      engine: "postgres",
      instanceClass: "db.t3.medium",
      allocatedStorage: 100,
      backupRetentionPeriod: ok ? 7 : 0,
      multiAz: ok,
      publiclyAccessible: !ok,
      storageEncrypted: ok,
      tags: tags(i),
    }),
  ],
  [
    "aws:redshift/cluster:Cluster",
    (i, ok) => ({
      clusterIdentifier: `warehouse-${i}`,
      nodeType: "dc2.large",
      encrypted: ok,
      publiclyAccessible: !ok,
      automatedSnapshotRetentionPeriod: ok ? 7 : 0,
      allowVersionUpgrade: ok,
      preferredMaintenanceWindow: "sun:03:00-sun:04:00",
      loggings: { enable: ok },
      tags: tags(i),
    }),
  ],
  [
    "aws:dynamodb/table:Table",
    (i, ok) => ({
      name: `table-${i}`,
      hashKey: "id",
      attributes: [{ name: "id", type: "S" }],
      serverSideEncryption: { enabled: ok },
      tags: tags(i),
    }),
  ],
  [
    "aws:elasticsearch/domain:Domain",
    (i, ok) => ({
      domainName: `search-${i}`,
      encryptAtRest: { enabled: ok },
      vpcOptions: ok ? { subnetIds: [`subnet-${i}`] } : undefined,
      tags: tags(i),
    }),
  ],
  ["aws:efs/fileSystem:FileSystem", (i, ok) => ({ encrypted: ok, tags: tags(i) })],
  [
    "aws:s3/bucket:Bucket",
    (i, ok) => ({
      bucket: `bucket-${i}`,
      acl: "private",
      loggings: ok ? [{ targetBucket: "logs", targetPrefix: `b${i}/` }] : [],
      tags: tags(i),
    }),
  ],
  [
    "aws:elasticloadbalancingv2/loadBalancer:LoadBalancer",
    (i, ok) => ({
      internal: true,
      accessLogs: { enabled: ok, bucket: "logs" },
      enableDeletionProtection: ok,
      tags: tags(i),
    }),
  ],
  [
    "aws:elasticloadbalancingv2/listener:Listener",
    (i, ok) => ({
      loadBalancerArn: `arn:aws:elasticloadbalancing:eu-west-3:123456789012:loadbalancer/app/lb-${i}`,
      port: ok ? 443 : 80,
      protocol: ok ? "HTTPS" : "HTTP",
      defaultActions: [{ type: "forward", targetGroupArn: `arn:tg-${i}` }],
    }),
  ],
  ["aws:apigateway/stage:Stage", (i, ok) => ({ stageName: `s${i}`, cacheClusterEnabled: ok })],
  [
    "aws:apigateway/restApi:RestApi",
    (i, ok) => ({
      name: `api-${i}`,
      endpointConfiguration: { types: ok ? "PRIVATE" : "EDGE" },
    }),
  ],
  [
    "aws:apigateway/methodSettings:MethodSettings",
    (i, ok) => ({
      methodPath: "*/*",
      settings: { cachingEnabled: ok, cacheDataEncrypted: ok },
    }),
  ],
  ["aws:kms/key:Key", (i, ok) => ({ enableKeyRotation: ok, description: `key ${i}` })],
];

export function awsCorpus(count: number): NormalizedResource[] {
  const resources: NormalizedResource[] = [];
  for (let i = 0; i < count; i++) {
    const [type, inputs] = shapes[i % shapes.length];
    const name = `r-${i}`;
    resources.push({
      type,
      urn: `urn:pulumi:bench::anchor::${type}::${name}`,
      name,
      custom: true,
      inputs: JSON.parse(JSON.stringify(inputs(i, i % 2 === 0))) as Record<string, unknown>,
      secretPaths: [],
      protect: false,
      retainOnDelete: false,
      dependencies: [],
      source: "plan",
    });
  }
  return resources;
}

/** The default provider the engine would attach to AWS resources: an EU region. */
export const awsDefaultProviders = { aws: { region: "eu-west-3" } };
