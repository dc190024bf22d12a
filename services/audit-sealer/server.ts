/**
 * The HTTP face of the sealer (node:http, nothing else):
 * - `POST /ingest`: Fluent Bit's `http` output (ingest-body.ts). 200 once every record is
 *   journaled on disk; 4xx for a request that is not what the shipper sends (Fluent Bit drops
 *   those chunks, so they name the configuration fix); 503 with Retry-After while starting or
 *   while the spool is full (Fluent Bit retries 5xx and buffers meanwhile).
 * - `GET /healthz` (liveness: the process answers) and `GET /readyz` (readiness: started, no
 *   chain conflict, spool not full), with counts only.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { KeyRegister } from "../../audit/sources/workspace-of";
import { IngestError, parseBody, sourceHeader, sourceOf } from "./ingest-body";
import type { Logger } from "./log";
import { normalise } from "./normalise";
import { NotAccepting, type Sealer } from "./sealer";

export interface ServerOptions {
  readonly maxBodyBytes: number;
  readonly now: () => Date;
  readonly logger: Logger;
  /** The current key register, to place key-manager accesses. @default none */
  readonly keyRegister?: () => KeyRegister;
}

export const ingestPath = "/ingest";

export function createSealerServer(sealer: Sealer, options: ServerOptions): Server {
  return createServer((request, response) => {
    route(sealer, options, request, response).catch((error: unknown) => {
      options.logger.log("error", "request-failed", { error: (error as Error).message });
      if (!response.headersSent) answer(response, 500, { error: "internal error; retry" });
      else response.destroy();
    });
  });
}

async function route(
  sealer: Sealer,
  options: ServerOptions,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const path = (request.url ?? "/").split("?")[0];
  if (path === "/healthz" || path === "/readyz") {
    if (request.method !== "GET")
      return answer(response, 405, { error: "use GET" }, { Allow: "GET" });
    const status = sealer.status();
    return answer(response, path === "/readyz" && !status.ready ? 503 : 200, status);
  }
  if (path !== ingestPath)
    return answer(response, 404, { error: `no such path; records go to POST ${ingestPath}` });
  if (request.method !== "POST") {
    return answer(response, 405, { error: `use POST ${ingestPath}` }, { Allow: "POST" });
  }
  try {
    const source = sourceOf(request.headers[sourceHeader]);
    if ((request.headers["content-encoding"] ?? "identity") !== "identity") {
      throw new IngestError(
        415,
        "compressed bodies are not accepted: remove compress from the http output",
      );
    }
    const body = await readBody(request, options.maxBodyBytes);
    const raws = parseBody(request.headers["content-type"], body);
    const receivedAt = options.now();
    const context = source === "key-manager" ? { keyRegister: options.keyRegister?.() } : {};
    const normalised = raws.map((raw) => normalise(source, raw, receivedAt, context));
    sealer.accept(normalised.map((n) => n.record));
    options.logger.log("info", "records-accepted", {
      source,
      records: normalised.length,
      unattributed: normalised.filter((n) => n.unattributed).length,
      unparsed: normalised.filter((n) => n.unparsed).length,
      unplaced: normalised.filter((n) => n.unplaced).length,
    });
    return answer(response, 200, { accepted: normalised.length });
  } catch (error) {
    if (error instanceof IngestError) {
      options.logger.log("warn", "ingest-refused", { status: error.status, reason: error.message });
      if (error.status === 413) response.setHeader("Connection", "close");
      return answer(response, error.status, { error: error.message });
    }
    if (error instanceof NotAccepting) {
      return answer(response, 503, { error: error.message }, { "Retry-After": "10" });
    }
    throw error;
  }
}

/** The body as UTF-8, refusing it (413) as soon as it exceeds the limit. */
function readBody(request: IncomingMessage, limit: number): Promise<string> {
  const declared = Number(request.headers["content-length"]);
  if (Number.isFinite(declared) && declared > limit) {
    request.resume();
    return Promise.reject(
      new IngestError(413, `body of ${declared} bytes exceeds the ${limit}-byte limit`),
    );
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        request.removeAllListeners("data");
        request.resume();
        reject(new IngestError(413, `body exceeds the ${limit}-byte limit`));
        return;
      }
      chunks.push(chunk);
    });
    request.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    request.on("error", reject);
  });
}

function answer(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  response.writeHead(status, { "Content-Type": "application/json", ...headers });
  response.end(`${JSON.stringify(body)}\n`);
}
