/**
 * Runs a Pulumi program under Pulumi's official mocks and captures every resource it registers,
 * with the same facts the engine would record: parent, provider, protect, dependencies...
 *
 * This is the single offline engine of the project: `hdh plan`, the component tests and the
 * benchmarks all go through `runUnderMocks`, so what the tests prove is what the plan shows.
 *
 * Why not plain `pulumi.runtime.setMocks`? Its `newResource` hook only sees type, name and
 * inputs. A reviewer needs the rest (parent, protect, retainOnDelete, dependencies), so we let
 * `setMocks` install its `MockMonitor` and observe the full RegisterResourceRequest it receives.
 */
import * as pulumi from "@pulumi/pulumi";
import * as settings from "@pulumi/pulumi/runtime/settings";

/** `waitForRPCs` is exported by the SDK's settings module but marked internal in its typings. */
const waitForRPCs = (settings as unknown as { waitForRPCs(): Promise<void> }).waitForRPCs;
import { mockCall, mockResourceState } from "./cloud-mocks";
import { withSdkShortcuts } from "./sdk-shortcuts";
import { serializeOutputsEarly } from "./early-outputs";

/** One resource as the engine would have recorded it, inputs in Pulumi's wire form. */
export interface PlannedResource {
  urn: string;
  type: string;
  name: string;
  /** True for provider-managed (custom) resources, false for components. */
  custom: boolean;
  /** The mock's physical id ("" for components). */
  id: string;
  /**
   * Inputs as the engine receives them: secrets stay wrapped in
   * `{"4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", value}` and
   * values unknown at preview are the unknown sentinel string.
   */
  inputs: Record<string, unknown>;
  /** Outputs returned by the mock (wire form as well). */
  outputs: Record<string, unknown>;
  parent?: string;
  /** Provider reference `<provider urn>::<provider id>`, as in a stack export. */
  provider?: string;
  protect: boolean;
  retainOnDelete: boolean;
  deleteBeforeReplace: boolean;
  dependencies: string[];
  propertyDependencies: Record<string, string[]>;
  additionalSecretOutputs: string[];
  ignoreChanges: string[];
  /** A resource the program reads rather than manages (a StackReference): `external` in state. */
  external?: boolean;
}

export interface MockRunOptions {
  project: string;
  stack: string;
  /** Run as a preview (`pulumi preview`) rather than an update. @default true */
  preview?: boolean;
  /** Called after each registration, e.g. to report progress on long runs. */
  onResource?: (count: number) => void;
  /**
   * Capture stack traces while the program runs. Off by default: the SDK records one per
   * resource and per internal promise, nothing reads them under mocks, and they cost about a
   * third of a plan's CPU (bench/results.md). A failing program is re-run with them on, so its
   * error still carries a full stack. @default false
   */
  stackTraces?: boolean;
  /**
   * Stacks the program reads through `pulumi.StackReference`, by the reference's name: their
   * outputs, served as the engine would (a StackReference is a read of the resource
   * `pulumi:pulumi:StackReference`, whose state holds `outputs` and `secretOutputNames`). A name
   * not listed reads as a stack with no outputs. @default {}
   */
  stackReferences?: Readonly<Record<string, ReferencedStack>>;
  /**
   * Run the SDK with the offline shortcuts of offline/sdk-shortcuts.ts (its wire values kept as
   * plain objects, its promise-leak bookkeeping left out): the same plan in about two thirds of
   * the CPU and memory. False runs the SDK exactly as shipped, for the test that compares the
   * two. @default true
   */
  sdkShortcuts?: boolean;
  /**
   * Called once with the program's outputs (as `MockRunResult.outputs`) as soon as they are all
   * resolved, which can be well before the last registration completes: the hub's pool starts
   * the workspace stacks on the platform's contract while the platform's own registrations go on
   * (cli/plan/plan-pool.ts). Not called when the program throws. The run's result still waits for
   * every registration, and fails if a later one does, or with the callback's own error if it
   * throws.
   */
  onOutputs?: (outputs: Record<string, unknown>) => void;
}

/** A referenced stack's outputs, resolved, and which of them are secret. */
export interface ReferencedStack {
  readonly outputs: Readonly<Record<string, unknown>>;
  readonly secretOutputNames?: readonly string[];
}

export interface MockRunResult {
  resources: PlannedResource[];
  /**
   * The program's returned outputs, resolved, in Pulumi's wire form as a stack export holds
   * them: a secret output (a kubeconfig) stays wrapped as a secret.
   */
  outputs: Record<string, unknown>;
}

const monitorIdleRetries = 3;

/** The resource a `pulumi.StackReference` reads (@pulumi/pulumi stackReference.js). */
const stackReferenceType = "pulumi:pulumi:StackReference";

type Program = () => Promise<Record<string, unknown> | void> | Record<string, unknown> | void;

/**
 * Runs `program` inside a root stack under mocks and returns every registered resource, in
 * registration order. Errors thrown by the program (including config errors) propagate as is.
 */
export async function runUnderMocks(
  program: Program,
  options: MockRunOptions,
): Promise<MockRunResult> {
  if (options.sdkShortcuts ?? true) {
    return withSdkShortcuts(() => runTraced(program, options));
  }
  return runTraced(program, options);
}

async function runTraced(program: Program, options: MockRunOptions): Promise<MockRunResult> {
  if (options.stackTraces) return runOnce(program, options);
  try {
    return await withoutStackTraces(() => runOnce(program, options));
  } catch (fastError) {
    // The error has no stack. Same program, fresh mocks: it fails the same way, with one.
    await runOnce(program, { ...options, onResource: undefined, stackTraces: true });
    throw fastError;
  }
}

/**
 * Turns stack-trace capture off for the duration of `run`, even for code that raises the limit
 * itself: the SDK's `Resource.callsites` sets `Error.stackTraceLimit = Infinity` for every
 * resource, and `debuggablePromise` captures one for every internal promise. V8 reads the limit
 * as a plain data property and captures nothing when it is an accessor, so an accessor that
 * ignores writes switches both off; the original property is put back afterwards.
 */
async function withoutStackTraces<T>(run: () => Promise<T>): Promise<T> {
  const original = Object.getOwnPropertyDescriptor(Error, "stackTraceLimit");
  Object.defineProperty(Error, "stackTraceLimit", {
    configurable: true,
    get: () => 0,
    set: () => undefined,
  });
  try {
    return await run();
  } finally {
    if (original) Object.defineProperty(Error, "stackTraceLimit", original);
    else delete (Error as { stackTraceLimit?: number }).stackTraceLimit;
  }
}

async function runOnce(program: Program, options: MockRunOptions): Promise<MockRunResult> {
  const resources: PlannedResource[] = [];
  await pulumi.runtime.setMocks(
    {
      newResource: (args) => {
        if (args.type === stackReferenceType) {
          const name = String(args.inputs.name ?? args.name);
          const referenced = options.stackReferences?.[name];
          return {
            id: name,
            state: {
              name,
              outputs: { ...(referenced?.outputs ?? {}) },
              secretOutputNames: [...(referenced?.secretOutputNames ?? [])],
            },
          };
        }
        return {
          id: args.custom === false ? undefined : `${args.name}-id`,
          state: mockResourceState(args),
        };
      },
      call: mockCall,
    },
    options.project,
    options.stack,
    options.preview ?? true,
  );
  const monitor = settings.getMonitor() as unknown as MonitorWithRegister;
  const register = monitor.registerResource.bind(monitor);
  monitor.registerResource = (req, callback) =>
    register(req, (err, response) => {
      if (!err && response) {
        resources.push(toPlannedResource(req, response));
        options.onResource?.(resources.length);
      }
      callback(err, response);
    });
  // Reads (a StackReference) are in the engine's state too, marked external: resources that
  // depend on one name it, so the plan records it.
  const read = monitor.readResource.bind(monitor);
  monitor.readResource = (req, callback) =>
    read(req, (err, response) => {
      if (!err && response) resources.push(toReadResource(req, response));
      callback(err, response);
    });

  // A program error (a refused config, a component's InputPropertiesError) is caught here and
  // rethrown once the engine is idle: left inside the stack's init it would reject the root
  // component's internal promises as well, which Node reports as unhandled rejections.
  let programError: { error: unknown } | undefined;
  // The program's own outputs, Outputs and all, serialised as soon as they resolve: the stack
  // resource's copy has them resolved to plain values, which would drop their secretness.
  let outputs: Promise<Record<string, unknown>> | undefined;
  let callbackError: { error: unknown } | undefined;
  // What `onOutputs` was given, serialised as soon as each value resolved (offline/early-outputs.ts).
  let earlyOutputs: Promise<Record<string, unknown>> | undefined;
  await pulumi.runtime.runInPulumiStack(async () => {
    try {
      const result = (await program()) ?? {};
      outputs = pulumi.runtime.serializeProperties("stack outputs", result) as Promise<
        Record<string, unknown>
      >;
      // Awaited below; handled here too, so a program error found meanwhile leaves no unhandled
      // rejection behind. A callback that throws fails the run, once the engine is idle, as the
      // program would: left in this chain its error would be an unhandled rejection.
      outputs.catch(() => undefined);
      const onOutputs = options.onOutputs;
      if (onOutputs) {
        earlyOutputs = serializeOutputsEarly(result);
        earlyOutputs.then(
          (resolved) => {
            try {
              onOutputs(resolved);
            } catch (error) {
              callbackError ??= { error };
            }
          },
          () => undefined,
        );
      }
      return result;
    } catch (error) {
      programError = { error };
      return {};
    }
  });
  // Registrations may still be in flight after the program returns; wait until the RPC queue is
  // idle several times in a row so late `apply`-created resources are captured too.
  for (let i = 0; i < monitorIdleRetries; i++) {
    await waitForRPCs();
    await new Promise((resolve) => setImmediate(resolve));
  }
  if (programError) throw programError.error;
  const final = outputs ? await outputs : {};
  if (callbackError) throw callbackError.error;
  if (earlyOutputs && JSON.stringify(await earlyOutputs) !== JSON.stringify(final)) {
    // Never reached with plain-data outputs; a plan built on differing outputs would be wrong.
    throw new Error("the stack outputs served early differ from the SDK's serialisation of them");
  }
  return { resources, outputs: final };
}

interface MonitorWithRegister {
  registerResource(
    req: RegisterRequest,
    callback: (err: unknown, response?: RegisterResponse) => void,
  ): void;
  readResource(req: ReadRequest, callback: (err: unknown, response?: ReadResponse) => void): void;
}

/** The getters we read from pulumirpc.ReadResourceRequest / ReadResourceResponse. */
interface ReadRequest {
  getId(): string;
  getType(): string;
  getName(): string;
  getParent(): string;
  getProvider(): string;
  getDependenciesList(): string[];
  getProperties(): { toJavaScript(): Record<string, unknown> } | undefined;
}

interface ReadResponse {
  getUrn(): string;
  getProperties(): { toJavaScript(): Record<string, unknown> } | undefined;
}

/**
 * A read resource as the engine records it. A StackReference's state lists which of the
 * referenced outputs are secret; those stay wrapped as secrets here, as in the engine's state.
 */
function toReadResource(req: ReadRequest, res: ReadResponse): PlannedResource {
  const outputs = res.getProperties()?.toJavaScript() ?? {};
  const referenced = outputs.outputs as Record<string, unknown> | undefined;
  const secretNames = (outputs.secretOutputNames as string[] | undefined) ?? [];
  if (referenced && secretNames.length > 0) {
    const wrapped = { ...referenced };
    for (const name of secretNames) {
      if (name in wrapped)
        wrapped[name] = { [secretSignatureKey]: secretSignature, value: wrapped[name] };
    }
    outputs.outputs = wrapped;
  }
  const planned: PlannedResource = {
    urn: res.getUrn(),
    type: req.getType(),
    name: req.getName(),
    custom: true,
    id: req.getId(),
    inputs: req.getProperties()?.toJavaScript() ?? {},
    outputs,
    protect: false,
    retainOnDelete: false,
    deleteBeforeReplace: false,
    dependencies: req.getDependenciesList(),
    propertyDependencies: {},
    additionalSecretOutputs: [],
    ignoreChanges: [],
    external: true,
  };
  if (req.getParent()) planned.parent = req.getParent();
  if (req.getProvider()) planned.provider = req.getProvider();
  return planned;
}

/** Pulumi's wire marker of a secret value (@pulumi/pulumi runtime/rpc.js specialSigKey). */
const secretSignatureKey = "4dabf18193072939515e22adb298388d";
const secretSignature = "1b47061264138c4ac30d75fd1eb44270";

/** The getters we read from pulumirpc.RegisterResourceRequest (google-protobuf generated). */
interface RegisterRequest {
  getType(): string;
  getName(): string;
  getCustom(): boolean;
  getParent(): string;
  getProvider(): string;
  getProtect(): boolean;
  getRetainondelete(): boolean;
  getDeletebeforereplace(): boolean;
  getDependenciesList(): string[];
  getPropertydependenciesMap(): {
    forEach(cb: (value: { getUrnsList(): string[] }, key: string) => void): void;
  };
  getAdditionalsecretoutputsList(): string[];
  getIgnorechangesList(): string[];
  getObject(): { toJavaScript(): Record<string, unknown> } | undefined;
}

interface RegisterResponse {
  getUrn(): string;
  getId(): string;
  getObject(): { toJavaScript(): Record<string, unknown> } | undefined;
}

function toPlannedResource(req: RegisterRequest, res: RegisterResponse): PlannedResource {
  const propertyDependencies: Record<string, string[]> = {};
  req.getPropertydependenciesMap().forEach((value, key) => {
    propertyDependencies[key] = value.getUrnsList();
  });
  const planned: PlannedResource = {
    urn: res.getUrn(),
    type: req.getType(),
    name: req.getName(),
    custom: req.getCustom(),
    id: res.getId(),
    inputs: req.getObject()?.toJavaScript() ?? {},
    outputs: res.getObject()?.toJavaScript() ?? {},
    protect: req.getProtect(),
    retainOnDelete: req.getRetainondelete(),
    deleteBeforeReplace: req.getDeletebeforereplace(),
    dependencies: req.getDependenciesList(),
    propertyDependencies,
    additionalSecretOutputs: req.getAdditionalsecretoutputsList(),
    ignoreChanges: req.getIgnorechangesList(),
  };
  if (req.getParent()) planned.parent = req.getParent();
  if (req.getProvider()) planned.provider = req.getProvider();
  return planned;
}
