/**
 * Entry point of the `hdh/audit-sealer` image: configuration from the environment, the chain
 * resumed (retried with backoff while the store is unreachable; ingest answers 503 meanwhile),
 * a one-second tick, and on SIGTERM a last seal and upload before exit.
 */
import { AuditStore } from "./audit-store";
import { configFromEnv, SealerConfigError, type SealerConfig } from "./config";
import { keyRegisterLoader } from "./key-register";
import { jsonLogger, type Logger } from "./log";
import { Sealer } from "./sealer";
import { createSealerServer } from "./server";

export interface RunningSealer {
  readonly sealer: Sealer;
  /** The port actually bound (differs from the configured one when that is 0). */
  readonly port: number;
  /** Resolves once the chain is resumed. */
  readonly started: Promise<void>;
  stop(): Promise<void>;
}

export interface RunOptions {
  readonly now?: () => Date;
  readonly logger?: Logger;
  /** Run the one-second tick and startup retries on real timers. @default true */
  readonly timers?: boolean;
}

export async function runSealer(
  config: SealerConfig,
  options: RunOptions = {},
): Promise<RunningSealer> {
  const now = options.now ?? (() => new Date());
  const logger = options.logger ?? jsonLogger();
  const timers = options.timers ?? true;
  const store = new AuditStore(config, { container: config.container, keyRef: config.keyRef, now });
  const sealer = new Sealer(config, store, now, logger);
  const server = createSealerServer(sealer, {
    maxBodyBytes: config.maxBodyBytes,
    now,
    logger,
    keyRegister: keyRegisterLoader(config.keyRegisterFile, logger),
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(config.listenPort, config.listenHost, () => resolve());
  });
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : config.listenPort;
  logger.log("info", "listening", { host: config.listenHost, port });

  let stopping = false;
  let retry: NodeJS.Timeout | undefined;
  const started = (async () => {
    for (let attempt = 1; !stopping; attempt++) {
      try {
        await sealer.start();
        return;
      } catch (error) {
        const delay = Math.min(1000 * 2 ** (attempt - 1), 60_000);
        logger.log("error", "start-failed", {
          error: (error as Error).message,
          attempt,
          retryInSeconds: delay / 1000,
        });
        if (!timers) throw error;
        await new Promise<void>((resolve) => (retry = setTimeout(resolve, delay)));
      }
    }
  })();
  const ticker = timers
    ? setInterval(() => {
        sealer
          .tick()
          .catch((error: unknown) =>
            logger.log("error", "tick-failed", { error: (error as Error).message }),
          );
      }, 1000)
    : undefined;

  return {
    sealer,
    port,
    started,
    async stop() {
      stopping = true;
      if (ticker) clearInterval(ticker);
      if (retry) clearTimeout(retry);
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await sealer.stop();
      logger.log("info", "stopped", sealer.status().head);
    },
  };
}

if (require.main === module) {
  const logger = jsonLogger();
  let config: SealerConfig;
  try {
    config = configFromEnv(process.env);
  } catch (error) {
    if (!(error instanceof SealerConfigError)) throw error;
    logger.log("error", "config-invalid", { problems: error.problems.join("; ") });
    process.exit(2);
  }
  runSealer(config, { logger }).then(
    (running) => {
      const shutdown = (signal: string) => {
        logger.log("info", "shutting-down", { signal });
        running.stop().then(
          () => process.exit(0),
          (error: unknown) => {
            logger.log("error", "shutdown-failed", { error: (error as Error).message });
            process.exit(1);
          },
        );
      };
      process.once("SIGTERM", () => shutdown("SIGTERM"));
      process.once("SIGINT", () => shutdown("SIGINT"));
    },
    (error: unknown) => {
      logger.log("error", "fatal", { error: (error as Error).message });
      process.exit(1);
    },
  );
}
