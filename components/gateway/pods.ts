/**
 * The gateway's pod templates as plain data: Pod Security `restricted` everywhere (non-root,
 * no privilege escalation, every capability dropped, RuntimeDefault seccomp), read-only root
 * filesystems with sized scratch volumes, limits on every container, no service-account token.
 */
import { kioskVncPort, recordingsPath } from "./connections";
import type { GatewayOidc } from "./gateway-args";
import { gatewayUids } from "./images";
import { databasePort, guacdPort, podLabels, webPort } from "./network-rules";
import { hardenedContainerContext, hardenedPodContext } from "../shared/container-hardening";

/** Database name and user of Guacamole; the password comes from the `database` Secret. */
export const database = { name: "guacamole_db", user: "guacamole", secretKey: "password" };

interface Limits {
  cpu: string;
  memory: string;
}

function container(
  name: string,
  image: string,
  uid: number,
  limits: Limits,
  rest: Record<string, unknown>,
) {
  return {
    name,
    image,
    imagePullPolicy: "IfNotPresent",
    resources: { requests: { ...limits }, limits: { ...limits } },
    securityContext: hardenedContainerContext({ runAsUser: uid }),
    ...rest,
  };
}

function podSpec(uid: number, rest: Record<string, unknown>) {
  return {
    automountServiceAccountToken: false,
    enableServiceLinks: false,
    securityContext: hardenedPodContext({ user: uid, fsGroup: uid }),
    ...rest,
  };
}

const scratch = (name: string, size = "256Mi") => ({ name, emptyDir: { sizeLimit: size } });
const passwordEnv = (envName: string, secretName: string) => ({
  name: envName,
  valueFrom: { secretKeyRef: { name: secretName, key: database.secretKey } },
});

export interface WebPodInput {
  readonly guacamoleImage: string;
  readonly databaseImage: string;
  readonly hostname: string;
  readonly oidc: GatewayOidc;
  readonly secretName: string;
  /** ConfigMap holding connections.sql and apply.sh. */
  readonly sqlConfigMap: string;
  /** SHA-256 of the connections SQL: a change rolls the pod, which re-applies it. */
  readonly sqlHash: string;
}

/**
 * Guacamole behind the edge, OpenID only. Two init containers first bring the database to the
 * configuration: the schema from the image's own initdb.sh (on an empty database), then the
 * rendered connections (connections.ts).
 */
export function webPodTemplate(input: WebPodInput) {
  const { oidc } = input;
  const uid = gatewayUids.guacamole;
  const env = [
    { name: "WEBAPP_CONTEXT", value: "ROOT" },
    { name: "GUACD_HOSTNAME", value: "guacd" },
    { name: "GUACD_PORT", value: String(guacdPort) },
    { name: "POSTGRESQL_HOSTNAME", value: "database" },
    { name: "POSTGRESQL_PORT", value: String(databasePort) },
    { name: "POSTGRESQL_DATABASE", value: database.name },
    { name: "POSTGRESQL_USERNAME", value: database.user },
    passwordEnv("POSTGRESQL_PASSWORD", input.secretName),
    // Never create accounts on the fly: permissions come only from the owner groups' grants.
    { name: "POSTGRESQL_AUTO_CREATE_ACCOUNTS", value: "false" },
    { name: "OPENID_ENABLED", value: "true" },
    { name: "EXTENSION_PRIORITY", value: "openid" },
    { name: "OPENID_ISSUER", value: oidc.issuer },
    { name: "OPENID_AUTHORIZATION_ENDPOINT", value: oidc.authorizationEndpoint },
    { name: "OPENID_JWKS_ENDPOINT", value: oidc.jwksEndpoint },
    { name: "OPENID_CLIENT_ID", value: oidc.clientId },
    { name: "OPENID_REDIRECT_URI", value: `https://${input.hostname}/` },
    { name: "OPENID_USERNAME_CLAIM_TYPE", value: oidc.usernameClaim ?? "email" },
    { name: "OPENID_GROUPS_CLAIM_TYPE", value: oidc.groupsClaim ?? "groups" },
    { name: "OPENID_SCOPE", value: "openid email profile groups" },
    // Logs name the researcher's own address (X-Forwarded-For from the edge), not the balancer's.
    { name: "REMOTE_IP_VALVE_ENABLED", value: "true" },
  ];
  const applyEnv = [
    { name: "PGHOST", value: "database" },
    { name: "PGPORT", value: String(databasePort) },
    { name: "PGDATABASE", value: database.name },
    { name: "PGUSER", value: database.user },
    passwordEnv("PGPASSWORD", input.secretName),
  ];
  const small = { cpu: "200m", memory: "256Mi" };
  return {
    metadata: {
      labels: { ...podLabels.web },
      annotations: { "hdh.health/connections-sha256": input.sqlHash },
    },
    spec: podSpec(uid, {
      initContainers: [
        container("schema", input.guacamoleImage, uid, small, {
          command: [
            "/bin/sh",
            "-c",
            "/opt/guacamole/bin/initdb.sh --postgresql > /work/schema.sql",
          ],
          volumeMounts: [{ name: "work", mountPath: "/work" }],
        }),
        container("connections", input.databaseImage, uid, small, {
          command: ["/bin/sh", "/sql/apply.sh"],
          env: applyEnv,
          volumeMounts: [
            { name: "work", mountPath: "/work", readOnly: true },
            { name: "sql", mountPath: "/sql", readOnly: true },
          ],
        }),
      ],
      containers: [
        container(
          "guacamole",
          input.guacamoleImage,
          uid,
          { cpu: "1", memory: "1Gi" },
          {
            env,
            ports: [{ name: "http", containerPort: webPort, protocol: "TCP" }],
            readinessProbe: { httpGet: { path: "/", port: webPort } },
            volumeMounts: [
              { name: "tmp", mountPath: "/tmp" },
              { name: "tomcat-work", mountPath: "/usr/local/tomcat/work" },
              { name: "tomcat-temp", mountPath: "/usr/local/tomcat/temp" },
              { name: "tomcat-logs", mountPath: "/usr/local/tomcat/logs" },
            ],
          },
        ),
      ],
      volumes: [
        scratch("work"),
        { name: "sql", configMap: { name: input.sqlConfigMap } },
        scratch("tmp"),
        scratch("tomcat-work"),
        scratch("tomcat-temp"),
        scratch("tomcat-logs"),
      ],
    }),
  };
}

/** The shell the `connections` init container runs: wait, create the schema once, apply. */
export const applySqlScript = `set -eu
until pg_isready -q; do sleep 2; done
if [ -z "$(psql -tAc "SELECT to_regclass('guacamole_connection')")" ]; then
  psql -v ON_ERROR_STOP=1 --single-transaction -f /work/schema.sql
fi
psql -v ON_ERROR_STOP=1 --single-transaction -f /sql/connections.sql
`;

/** guacd: speaks VNC to the kiosks, writes the recordings. */
export function guacdPodTemplate(image: string, recordingClaim: string | undefined) {
  const uid = gatewayUids.guacd;
  const mounts = [{ name: "tmp", mountPath: "/tmp" }];
  const volumes: Record<string, unknown>[] = [scratch("tmp")];
  if (recordingClaim) {
    mounts.push({ name: "recordings", mountPath: recordingsPath });
    volumes.push({ name: "recordings", persistentVolumeClaim: { claimName: recordingClaim } });
  }
  return {
    metadata: { labels: { ...podLabels.guacd } },
    spec: podSpec(uid, {
      containers: [
        container(
          "guacd",
          image,
          uid,
          { cpu: "2", memory: "2Gi" },
          {
            env: [{ name: "GUACD_LOG_LEVEL", value: "info" }],
            ports: [{ name: "guacd", containerPort: guacdPort, protocol: "TCP" }],
            readinessProbe: { tcpSocket: { port: guacdPort } },
            volumeMounts: mounts,
          },
        ),
      ],
      volumes,
    }),
  };
}

/** PostgreSQL holding connections and grants (nothing of the research data). */
export function databasePodTemplate(image: string, secretName: string, claimName: string) {
  const uid = gatewayUids.database;
  return {
    metadata: { labels: { ...podLabels.database } },
    spec: podSpec(uid, {
      containers: [
        container(
          "postgres",
          image,
          uid,
          { cpu: "500m", memory: "512Mi" },
          {
            env: [
              { name: "POSTGRES_DB", value: database.name },
              { name: "POSTGRES_USER", value: database.user },
              passwordEnv("POSTGRES_PASSWORD", secretName),
              { name: "PGDATA", value: "/var/lib/postgresql/data/pgdata" },
            ],
            ports: [{ name: "postgres", containerPort: databasePort, protocol: "TCP" }],
            readinessProbe: { exec: { command: ["pg_isready", "-U", database.user] } },
            volumeMounts: [
              { name: "data", mountPath: "/var/lib/postgresql/data" },
              { name: "run", mountPath: "/var/run/postgresql" },
              { name: "tmp", mountPath: "/tmp" },
            ],
          },
        ),
      ],
      volumes: [
        { name: "data", persistentVolumeClaim: { claimName } },
        scratch("run", "16Mi"),
        scratch("tmp"),
      ],
    }),
  };
}

/**
 * A project's kiosk: one browser, full screen, on an X display served over VNC to guacd. It
 * shows only `url`; the image's browser policies disable downloads, the developer tools and
 * every other address (docs/research-gateway.md). Its profile and downloads live in scratch
 * volumes that vanish with the pod.
 */
export function kioskPodTemplate(image: string, labels: Record<string, string>, url: string) {
  const uid = gatewayUids.kiosk;
  return {
    metadata: { labels: { ...labels } },
    spec: podSpec(uid, {
      containers: [
        container(
          "kiosk",
          image,
          uid,
          { cpu: "1", memory: "2Gi" },
          {
            env: [
              { name: "KIOSK_URL", value: url },
              { name: "VNC_PORT", value: String(kioskVncPort) },
            ],
            ports: [{ name: "vnc", containerPort: kioskVncPort, protocol: "TCP" }],
            readinessProbe: { tcpSocket: { port: kioskVncPort } },
            volumeMounts: [
              { name: "tmp", mountPath: "/tmp" },
              { name: "home", mountPath: "/home/kiosk" },
            ],
          },
        ),
      ],
      volumes: [scratch("tmp", "512Mi"), scratch("home", "1Gi")],
    }),
  };
}
