/**
 * Drives the policy pack exactly as the Pulumi CLI does: spawns it the way the
 * `pulumi-analyzer-policy` plugin script does (`node <@pulumi/pulumi/cmd/run-policy-pack>
 * <engine-address> .` with the pack directory as working directory), reads the port it prints,
 * and speaks the Analyzer gRPC protocol to it: GetAnalyzerInfo, Configure, ConfigureStack,
 * Analyze, AnalyzeStack. The benchmarks reuse it to measure startup and throughput.
 *
 * The pack runs compiled (package.json `main` = bin/index.js): build it first
 * (`npm run build`, or test/global-setup.ts does it when sources are newer).
 */
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import * as path from "node:path";
import * as grpc from "@grpc/grpc-js";
import * as analyzerGrpc from "@pulumi/pulumi/proto/analyzer_grpc_pb";
import * as analyzer from "@pulumi/pulumi/proto/analyzer_pb";
import type { EnforcementLevel, Severity } from "@pulumi/policy";
import type { NormalizedResource } from "../../offline/resource-model";
import type { PolicyPackConfig } from "../../offline/evaluate-policies";
import { analyzeRequest, analyzeStackRequest, Empty, struct } from "./analyzer-messages";

export const repoRoot = path.resolve(__dirname, "../..");
export const packDir = path.join(repoRoot, "policies");

export interface Diagnostic {
  policyName: string;
  policyPackName: string;
  message: string;
  description: string;
  urn: string;
  enforcementLevel: EnforcementLevel;
  severity?: Severity;
}

export interface AnalyzerPolicyInfo {
  name: string;
  description: string;
  enforcementLevel: EnforcementLevel;
  severity?: Severity;
  frameworkReference: string;
  configSchema?: Record<string, unknown>;
}

const levels: Record<number, EnforcementLevel> = {
  0: "advisory",
  1: "mandatory",
  2: "disabled",
  3: "remediate",
};
const levelNumbers: Record<EnforcementLevel, number> = {
  advisory: 0,
  mandatory: 1,
  disabled: 2,
  remediate: 3,
};
const severities: Record<number, Severity | undefined> = {
  1: "low",
  2: "medium",
  3: "high",
  4: "critical",
};

type CallFn<Req, Res> = (
  req: Req,
  cb: (err: grpc.ServiceError | null, res: Res) => void,
) => unknown;
function call<Req, Res>(fn: CallFn<Req, Res>, req: Req): Promise<Res> {
  return new Promise((resolve, reject) =>
    fn(req, (err, res) => (err ? reject(err) : resolve(res))),
  );
}

export interface StartOptions {
  /** Pack directory (PulumiPolicy.yaml, package.json). @default policies/ */
  dir?: string;
  /** Address passed as the engine's; the pack does not dial it. @default "127.0.0.1:0" */
  engineAddress?: string;
  env?: NodeJS.ProcessEnv;
  /** Milliseconds to wait for the port. @default 30000 */
  timeoutMs?: number;
}

export class AnalyzerHarness {
  private constructor(
    private readonly child: ChildProcessWithoutNullStreams,
    private readonly client: analyzerGrpc.AnalyzerClient,
    readonly port: number,
    /** Milliseconds from spawn until the port was printed. */
    readonly portMs: number,
    private readonly stderr: () => string,
  ) {}

  static async start(options: StartOptions = {}): Promise<AnalyzerHarness> {
    const dir = options.dir ?? packDir;
    const runPolicyPack = require.resolve("@pulumi/pulumi/cmd/run-policy-pack", { paths: [dir] });
    const started = performance.now();
    const child = spawn(
      process.execPath,
      [runPolicyPack, options.engineAddress ?? "127.0.0.1:0", "."],
      {
        cwd: dir,
        env: { ...process.env, ...options.env },
      },
    );
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    const port = await new Promise<number>((resolve, reject) => {
      let stdout = "";
      const timer = setTimeout(() => {
        child.kill();
        reject(
          new Error(
            `policy pack printed no port within ${options.timeoutMs ?? 30000} ms\n${stderr}`,
          ),
        );
      }, options.timeoutMs ?? 30_000);
      child.stdout.on("data", (d: Buffer) => {
        stdout += d.toString();
        const line = stdout.split("\n")[0].trim();
        if (stdout.includes("\n") && /^\d+$/.test(line)) {
          clearTimeout(timer);
          resolve(Number(line));
        }
      });
      child.on("exit", (code) => {
        clearTimeout(timer);
        reject(
          new Error(`policy pack exited with code ${code} before printing its port\n${stderr}`),
        );
      });
    });
    const portMs = performance.now() - started;
    const client = new analyzerGrpc.AnalyzerClient(
      `127.0.0.1:${port}`,
      grpc.credentials.createInsecure(),
      {
        "grpc.max_receive_message_length": 400 * 1024 * 1024,
        "grpc.max_send_message_length": 400 * 1024 * 1024,
      },
    );
    return new AnalyzerHarness(child, client, port, portMs, () => stderr);
  }

  async getAnalyzerInfo(): Promise<{
    name: string;
    version: string;
    policies: AnalyzerPolicyInfo[];
  }> {
    const info = await call<unknown, analyzer.AnalyzerInfo>(
      this.client.getAnalyzerInfo.bind(this.client) as never,
      new Empty(),
    );
    return {
      name: info.getName(),
      version: info.getVersion(),
      policies: info.getPoliciesList().map((p) => ({
        name: p.getName(),
        description: p.getDescription(),
        enforcementLevel: levels[p.getEnforcementlevel()],
        severity: severities[p.getSeverity()],
        frameworkReference: p.getFramework()?.getReference() ?? "",
        configSchema:
          (p.getConfigschema()?.getProperties()?.toJavaScript() as Record<string, unknown>) ??
          undefined,
      })),
    };
  }

  /**
   * Sends policy config as the CLI does: every configured policy with an explicit enforcement
   * level (the policy's own unless the config names one) and its properties.
   */
  async configure(
    config: PolicyPackConfig,
    defaults: ReadonlyMap<string, EnforcementLevel>,
  ): Promise<void> {
    const req = new analyzer.ConfigureAnalyzerRequest();
    const map = req.getPolicyconfigMap();
    for (const [name, value] of Object.entries(config)) {
      const entry = typeof value === "string" ? { enforcementLevel: value } : value;
      const { enforcementLevel, ...properties } = entry;
      const pc = new analyzer.PolicyConfig();
      pc.setEnforcementlevel(
        levelNumbers[(enforcementLevel as EnforcementLevel) ?? defaults.get(name) ?? "mandatory"],
      );
      pc.setProperties(struct(properties) as never);
      map.set(name, pc);
    }
    await call(this.client.configure.bind(this.client) as never, req);
  }

  async configureStack(stack: string, project: string, dryRun = true): Promise<void> {
    const req = new analyzer.AnalyzerStackConfigureRequest();
    req.setStack(stack);
    req.setProject(project);
    req.setOrganization("organization");
    req.setDryRun(dryRun);
    await call(this.client.configureStack.bind(this.client) as never, req);
  }

  /** One Analyze call per resource, with its provider resource as the engine attaches it. */
  async analyze(
    r: NormalizedResource,
    all: ReadonlyMap<string, NormalizedResource>,
    defaultProviders?: Record<string, Record<string, unknown>>,
  ): Promise<Diagnostic[]> {
    const req = analyzeRequest(r, all, defaultProviders);
    const res = await call<analyzer.AnalyzeRequest, analyzer.AnalyzeResponse>(
      this.client.analyze.bind(this.client) as never,
      req,
    );
    return diagnostics(res);
  }

  /** The policies an Analyze call reported as not applicable to the resource, with the reason. */
  async notApplicable(
    r: NormalizedResource,
    all: ReadonlyMap<string, NormalizedResource>,
  ): Promise<Map<string, string>> {
    const req = analyzeRequest(r, all, undefined);
    const res = await call<analyzer.AnalyzeRequest, analyzer.AnalyzeResponse>(
      this.client.analyze.bind(this.client) as never,
      req,
    );
    return new Map(res.getNotApplicableList().map((n) => [n.getPolicyName(), n.getReason()]));
  }

  /**
   * One Analyze call whose response is returned as the bytes the pack wrote, undecoded: for
   * tests of the wire format itself, and for the benchmark, whose client would otherwise spend
   * its share of the same CPUs decoding (the engine decodes in Go, far more cheaply).
   */
  analyzeBytes(req: analyzer.AnalyzeRequest): Promise<Buffer> {
    return new Promise((resolve, reject) =>
      this.client.makeUnaryRequest(
        "/pulumirpc.Analyzer/Analyze",
        (message: analyzer.AnalyzeRequest) => Buffer.from(message.serializeBinary()),
        (bytes: Buffer) => bytes,
        req,
        (err, bytes) => (err || !bytes ? reject(err ?? new Error("no response")) : resolve(bytes)),
      ),
    );
  }

  async analyzeStack(
    resources: readonly NormalizedResource[],
    defaultProviders?: Record<string, Record<string, unknown>>,
  ): Promise<Diagnostic[]> {
    const all = new Map(resources.map((r) => [r.urn, r]));
    return this.sendAnalyzeStack(analyzeStackRequest(resources, all, defaultProviders));
  }

  /** One AnalyzeStack call with a request built beforehand (the benchmark times only the call). */
  async sendAnalyzeStack(req: analyzer.AnalyzeStackRequest): Promise<Diagnostic[]> {
    const res = await call<analyzer.AnalyzeStackRequest, analyzer.AnalyzeResponse>(
      this.client.analyzeStack.bind(this.client) as never,
      req,
    );
    return diagnostics(res);
  }

  /** The smallest call the analyzer answers: the round trip's own cost. */
  async getPluginInfo(): Promise<void> {
    await call(this.client.getPluginInfo.bind(this.client) as never, new Empty());
  }

  /** The pack's process id (its CPU time is read from /proc by the benchmark). */
  get pid(): number {
    return this.child.pid!;
  }

  /** Closes the channel and stops the pack (the CLI kills the plugin the same way). */
  async close(): Promise<void> {
    this.client.close();
    if (this.child.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      this.child.once("exit", () => resolve());
      this.child.kill("SIGTERM");
    });
  }

  get stderrText(): string {
    return this.stderr();
  }
}

function diagnostics(res: analyzer.AnalyzeResponse): Diagnostic[] {
  return res.getDiagnosticsList().map((d) => ({
    policyName: d.getPolicyname(),
    policyPackName: d.getPolicypackname(),
    message: d.getMessage(),
    description: d.getDescription(),
    urn: d.getUrn(),
    enforcementLevel: levels[d.getEnforcementlevel()],
    severity: severities[d.getSeverity()],
  }));
}
