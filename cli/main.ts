/**
 * `hdh`: offline plan, policy check of real Pulumi artifacts, and diagrams. `runCli` takes argv
 * and injected I/O and returns the exit code, so tests run it in-process; bin/hdh.js calls it.
 *
 * Exit codes: 0 compliant, 1 mandatory violations, 2 bad input (with one paragraph naming the
 * problem and the fix). An unexpected failure is a bug: its stack trace is printed and the exit
 * code is 70 (EX_SOFTWARE), so CI never mistakes it for a policy verdict.
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { Command, CommanderError, InvalidArgumentError, Option } from "commander";
import { processIo, type CliIo } from "./cli-io";
import type { PolicyEvaluator } from "./policy-evaluation";
import { reportFormats } from "./report/formats";
import { UserError, exitCodes } from "./user-error";
import type { CommandDeps } from "./commands/shared";
import { toUserError } from "./config-errors";

export const internalErrorExitCode = 70;

export interface CliDeps {
  io?: CliIo;
  evaluatePolicies?: PolicyEvaluator;
}

export async function runCli(argv: readonly string[], overrides: CliDeps = {}): Promise<number> {
  const io = overrides.io ?? processIo();
  const deps: CommandDeps = {
    io,
    version: hdhVersion(),
    evaluatePolicies: overrides.evaluatePolicies ?? defaultEvaluator,
  };
  let code: number = exitCodes.compliant;
  const program = buildProgram(deps, (c) => (code = c));
  try {
    await program.parseAsync([...argv], { from: "user" });
    return code;
  } catch (err) {
    if (err instanceof CommanderError) {
      // Commander already printed its message (unknown option, missing argument, help).
      return err.exitCode === 0 ? exitCodes.compliant : exitCodes.badInput;
    }
    const userError = err instanceof UserError ? err : toUserError(err);
    if (userError) {
      io.stderr(`${userError.describe()}\n`);
      return exitCodes.badInput;
    }
    io.stderr(
      `hdh: internal error, please report it with the command you ran:\n${(err as Error)?.stack ?? String(err)}\n`,
    );
    return internalErrorExitCode;
  }
}

function buildProgram(deps: CommandDeps, setCode: (code: number) => void): Command {
  const { io } = deps;
  const program = new Command()
    .name("hdh")
    .description(
      "Offline plan and sovereignty/security policy check for the hdh-sovereign platform.",
    )
    .version(deps.version)
    .exitOverride()
    .showHelpAfterError("(run `hdh --help` for usage)")
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr });

  const format = () =>
    new Option("-f, --format <format>", "report format").choices(reportFormats).default("text");
  const out = () => new Option("-o, --out <file>", "write the report to a file instead of stdout");
  const policyConfig = () =>
    new Option(
      "--policy-config <file>",
      "policy pack config (JSON, as `pulumi preview --policy-pack-config` takes it)",
    );
  const baseline = () =>
    new Option(
      "--baseline <file>",
      "earlier plan or stack export: report resources added, changed, removed",
    );
  const progress = () =>
    new Option("--progress", "show progress on stderr even when it is not a terminal").conflicts(
      "noProgress",
    );

  program
    .command("plan")
    .description(
      "run the stack's program under Pulumi's mocks (no cloud) and evaluate the policy pack",
    )
    .requiredOption("-s, --stack <name>", "stack to plan (stacks/Pulumi.<name>.yaml)")
    .addOption(format())
    .addOption(out())
    .addOption(baseline())
    .addOption(
      new Option(
        "--workspaces <n>",
        "replicate the stack's first workspace n times, each in its own stack (scale tests)",
      ).argParser(positiveInt),
    )
    .option(
      "--workspace <id>",
      "plan only this workspace's stack (stacks/Pulumi.<stack>.<id>.yaml), with the platform's outputs it reads",
    )
    .addOption(policyConfig())
    .addOption(progress())
    .option("--no-progress", "never show progress")
    .action(async (options) => {
      const { planCommand } = await import("./commands/plan");
      setCode(await planCommand(options, deps));
    });

  program
    .command("workspace")
    .description("research workspaces, each in its own stack (docs/hub-stacks.md)")
    .command("new")
    .description(
      "write stacks/Pulumi.<stack>.<id>.yaml for a new research project, validated with its hub",
    )
    .requiredOption("-s, --stack <name>", "the platform stack (dev, prod)")
    .requiredOption("--id <id>", "project id: lower-case DNS label, at most 30 characters")
    .requiredOption("--owner-group <group>", "the researchers' OIDC group")
    .requiredOption("--tier <n>", "data tier 0-4 (3 for pseudonymised SNDS extracts)")
    .requiredOption("--authorisation <ref>", "CNIL decision (DR-2026-123) or methodology (MR-004)")
    .requiredOption("--expires <date>", "last day of the authorisation, YYYY-MM-DD")
    .option("--tool <tool>", "jupyter or rstudio", "jupyter")
    .option("--storage-gib <n>", "work volume, GiB", "20")
    .option("--cpu <n>", "CPU limit of the analysis pod, cores", "2")
    .option("--memory-gib <n>", "memory limit of the analysis pod, GiB", "8")
    .action(async (options) => {
      const { workspaceNewCommand } = await import("./commands/workspace-new");
      setCode(await workspaceNewCommand(options, deps));
    });

  program
    .command("changed-stacks")
    .description(
      "the stacks a change can affect (files, code, the platform contract), one per line: what CI previews",
    )
    .requiredOption(
      "--since <ref>",
      "git commit or branch the change is compared against (its merge base with HEAD)",
    )
    .option("-s, --stack <platform>", "only this platform stack and its workspace stacks")
    .addOption(
      new Option("-f, --format <format>", "output format")
        .choices(["lines", "json"])
        .default("lines"),
    )
    .addOption(out())
    .action(async (options) => {
      const { changedStacksCommand } = await import("./commands/changed-stacks");
      setCode(await changedStacksCommand(options, deps));
    });

  program
    .command("check")
    .description(
      "evaluate the policy pack on a `pulumi stack export`, a `pulumi preview --json` or an `hdh plan` JSON",
    )
    .argument("<file>", "the artifact to check")
    .addOption(format())
    .addOption(out())
    .addOption(baseline())
    .addOption(policyConfig())
    .option(
      "-s, --stack <name>",
      "stack name for the report (default: read from the artifact's URNs)",
    )
    .option(
      "--stack-config <file>",
      "the stack's Pulumi.<stack>.yaml, for an artifact from elsewhere (default: this project's stacks/Pulumi.<stack>.yaml when the URNs name this project): judges its secretsprovider, tells production",
    )
    .option(
      "--secrets-provider <value>",
      "the stack's secrets provider (passphrase, awskms://..., hashivault://...)",
    )
    .option(
      "--backend <url>",
      "the state backend the artifact came from (file://..., s3://..., https://api.pulumi.com)",
    )
    .option(
      "--vault-address <url>",
      "Vault server of a hashivault:// secrets provider (default: VAULT_SERVER_URL)",
    )
    .option("--production", "judge as a production stack")
    .action(async (file: string, options) => {
      const { checkCommand } = await import("./commands/check");
      setCode(
        await checkCommand(
          file,
          { ...options, vaultAddress: options.vaultAddress ?? io.env.VAULT_SERVER_URL },
          deps,
        ),
      );
    });

  program
    .command("diagram")
    .description(
      "Mermaid diagram of the stack: zones, security-group flows, the cluster and workspaces",
    )
    .requiredOption("-s, --stack <name>", "stack to draw")
    .addOption(out())
    .addOption(progress())
    .option("--no-progress", "never show progress")
    .action(async (options) => {
      const { diagramCommand } = await import("./commands/diagram");
      setCode(await diagramCommand(options, deps));
    });

  program
    .command("policy-config")
    .description(
      "write the policy pack config the stack's own settings imply, for `pulumi preview --policy-pack-config`",
    )
    .requiredOption("-s, --stack <name>", "stack whose settings to derive")
    .addOption(out())
    .addOption(policyConfig())
    .option(
      "--platform-contract <file>",
      "a workspace stack's platform contract (`pulumi stack output platformContract --stack <platform> --json`)",
    )
    .action(async (options) => {
      const { policyConfigCommand } = await import("./commands/policy-config");
      setCode(await policyConfigCommand(options, deps));
    });

  program
    .command("workspaces")
    .description(
      "register of processing activities: each workspace's owner, tier, authorisation, expiry, storage and key",
    )
    .requiredOption("-s, --stack <name>", "stack whose workspaces to list")
    .addOption(
      new Option("-f, --format <format>", "output format")
        .choices(["text", "json"])
        .default("text"),
    )
    .addOption(out())
    .action(async (options) => {
      const { workspacesCommand } = await import("./commands/workspaces");
      setCode(await workspacesCommand(options, deps));
    });

  program
    .command("audit")
    .description("audit trail tools")
    .command("verify")
    .description(
      "verify the hash chain of downloaded audit batches; name what was removed or altered",
    )
    .argument("<paths...>", "directory of batch files, or batch files in order")
    .option("--known-head <seq:sha256>", "head recorded by an earlier verification")
    .option("--from-seq <n>", "first batch expected (older ones passed retention)")
    .option("--max-silence <seconds>", "longest allowed time since the last batch")
    .option("--chain <id>", "expected chain id, e.g. hdh-prod")
    .option("--json", "print the report as JSON")
    .action(async (paths: string[], options) => {
      const { auditVerifyCommand } = await import("./commands/audit-verify");
      setCode(auditVerifyCommand(paths, options, deps));
    });

  return program;
}

function positiveInt(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n) || n < 1 || n > 5000) {
    throw new InvalidArgumentError("expected a whole number of workspaces from 1 to 5000.");
  }
  return n;
}

const defaultEvaluator: PolicyEvaluator = async (input) => {
  const { evaluateWithPolicyPack } = await import("./policy-pack-evaluator");
  return evaluateWithPolicyPack(input);
};

/** The version in the repository's package.json (above cli/ when run from source, dist/cli/ when built). */
function hdhVersion(): string {
  for (let dir = __dirname; dirname(dir) !== dir; dir = dirname(dir)) {
    const file = join(dir, "package.json");
    if (!existsSync(file)) continue;
    const pkg = JSON.parse(readFileSync(file, "utf8")) as { name?: string; version?: string };
    if (pkg.name === "hdh-sovereign" && pkg.version) return pkg.version;
  }
  return "0.0.0";
}

/** Entry point for bin/hdh.js. */
export async function main(argv: readonly string[]): Promise<void> {
  process.exitCode = await runCli(argv);
}
