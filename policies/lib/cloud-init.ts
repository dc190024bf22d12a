/**
 * What an instance's user data says about logins and keys, read the way cloud-init reads it
 * (https://cloudinit.readthedocs.io/en/latest/explanation/format.html, and doc/rtd/topics/format.rst
 * in canonical/cloud-init): plain text or base64, gzip, a `#cloud-config` YAML document, a MIME
 * multipart archive whose parts are typed by their `Content-Type` (text/cloud-config,
 * text/x-shellscript, text/cloud-boothook, text/part-handler, text/jinja2, text/x-include-url...),
 * a `#cloud-config-archive` list of parts, a shell script or boothook, any of them behind a
 * `## template: jinja` first line. `#include` parts name URLs fetched at boot: what they hold is
 * not in the program, so they are reported as not judged, never passed.
 * Keys read (cloud-init's Set Passwords and Users and Groups modules, cc_set_passwords.py and
 * cc_users_groups.py): `ssh_pwauth`, `password`, `chpasswd` (`list`, `users`), and each user's
 * `passwd`, `hashed_passwd`, `plain_text_passwd`; `ssh_keys` host private keys; `write_files`
 * contents (decoded as cloud-init decodes them, then read as a script too). Shell parts and every
 * text are also searched for `PasswordAuthentication yes`,
 * `chpasswd`/`passwd --stdin` and PEM private key blocks.
 */
import { gunzipSync } from "node:zlib";
import { parse } from "yaml";
import { isTrue, isUnknown, list, obj, str } from "./values";

export interface UserDataFindings {
  /** What turns SSH password login on. */
  readonly passwordLogin: string[];
  /** What sets a password. */
  readonly passwords: string[];
  /** Where a private key sits in clear. */
  readonly privateKeys: string[];
  /** What cannot be judged from the program (content fetched at boot). */
  readonly notJudged: string[];
}

/** A PEM block of an unencrypted private key (PKCS#1, PKCS#8, SEC1, OpenSSH, DSA). */
const privateKeyBlock =
  /-----BEGIN (RSA |EC |DSA |OPENSSH |)PRIVATE KEY-----(?![\s\S]{0,120}Proc-Type:\s*4,ENCRYPTED)/;

/** The text of user data: base64 decoded when it is base64, gunzipped when compressed. */
export function userDataText(value: string): string | "unreadable" {
  const trimmed = value.trim();
  let bytes: Buffer | undefined;
  if (/^[A-Za-z0-9+/=\s]+$/.test(trimmed) && trimmed.replace(/\s/g, "").length % 4 === 0) {
    const decoded = Buffer.from(trimmed, "base64");
    // Accept the decoding only when it is text (or gzip): a plain word can be valid base64 too.
    if (decoded[0] === 0x1f && decoded[1] === 0x8b) bytes = decoded;
    else if (isText(decoded)) return decoded.toString("utf8");
  }
  if (!bytes && value.charCodeAt(0) === 0x1f) bytes = Buffer.from(value, "latin1");
  if (bytes) {
    try {
      return gunzipSync(bytes, { maxOutputLength: 1 << 24 }).toString("utf8");
    } catch {
      return "unreadable";
    }
  }
  return value;
}

function isText(bytes: Buffer): boolean {
  if (bytes.length === 0) return false;
  const text = bytes.toString("utf8");
  if (text.includes("\uFFFD")) return false;
  // No control character but tab, newline, vertical tab, form feed and carriage return.
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 && (c < 0x09 || c > 0x0d)) return false;
  }
  return true;
}

/** One part of user data: its MIME type when a multipart archive gave one, and its text. */
interface Part {
  readonly contentType?: string;
  readonly body: string;
}

/** The parts of a MIME multipart user data (cloud-init's `Content-Type: multipart/mixed`). */
function parts(text: string): Part[] {
  const boundary = /boundary="?([^"\s;]+)"?/i.exec(text)?.[1];
  if (!/^content-type:\s*multipart\//im.test(text) || !boundary) return [{ body: text }];
  return text
    .split(`--${boundary}`)
    .slice(1)
    .filter((part) => !/^--\s*$/.test(part))
    .map((part) => {
      const body = part.replace(/^\r?\n/, "").split(/\r?\n\r?\n/);
      const headers = body.shift() ?? "";
      const content = body.join("\n\n");
      const contentType = /^content-type:\s*([^;\s]+)/im.exec(headers)?.[1]?.toLowerCase();
      return {
        contentType,
        body: /content-transfer-encoding:\s*base64/i.test(headers)
          ? Buffer.from(content.trim(), "base64").toString("utf8")
          : content,
      };
    });
}

/**
 * The kind of a part: its MIME type when it has one, else its first line, as cloud-init decides
 * (a `## template: jinja` line first names a template whose next line gives the kind).
 */
const typeFromFirstLine = new Set(["text/plain", "text/x-not-multipart", "text/jinja2"]);

type PartKind = "cloud-config" | "archive" | "include" | "patch" | "script";

function kindOf(part: Part): { kind: PartKind; body: string } {
  let body = part.body.replace(/^\s+/, "");
  const jinja = /^## template:\s*jinja[^\n]*\n/i.exec(body);
  if (jinja) body = body.slice(jinja[0].length).replace(/^\s+/, "");
  // These types leave the kind to the part's first line, as cloud-init's TYPE_NEEDED
  // (cloudinit/user_data.py: "text/plain", "text/x-not-multipart"); a Jinja part names its kind
  // on the line after its header.
  const type = typeFromFirstLine.has(part.contentType ?? "") ? undefined : part.contentType;
  if (type === "text/cloud-config" || (!type && /^#cloud-config(?!-)/i.test(body)))
    return { kind: "cloud-config", body };
  if (type === "text/cloud-config-archive" || (!type && /^#cloud-config-archive/i.test(body)))
    return { kind: "archive", body };
  if (/^text\/x-include(-once)?-url$/.test(type ?? "") || (!type && /^#include/i.test(body)))
    return { kind: "include", body };
  if (/^#cloud-config-jsonp/i.test(body)) return { kind: "patch", body };
  return { kind: "script", body };
}

const isSet = (v: unknown) => v !== undefined && v !== null && v !== false && v !== "";

function judgeCloudConfig(doc: Record<string, unknown>, where: string, out: UserDataFindings) {
  const pwauth = doc.ssh_pwauth;
  if (isTrue(pwauth) || (typeof pwauth === "string" && /^(yes|on|1)$/i.test(pwauth)))
    out.passwordLogin.push(`${where}ssh_pwauth: ${String(pwauth)}`);
  if (isSet(doc.password)) out.passwords.push(`${where}password`);
  const chpasswd = obj(doc.chpasswd);
  if (chpasswd && (isSet(chpasswd.list) || (list(chpasswd.users) ?? []).length > 0))
    out.passwords.push(`${where}chpasswd`);
  (list(doc.users) ?? []).forEach((value, i) => {
    const user = obj(value);
    if (!user) return;
    for (const key of ["passwd", "hashed_passwd", "plain_text_passwd"])
      if (isSet(user[key]))
        out.passwords.push(
          `${where}users[${i}]${str(user.name) ? ` (${str(user.name)})` : ""}.${key}`,
        );
  });
  for (const [key, value] of Object.entries(obj(doc.ssh_keys) ?? {}))
    if (/_private$/.test(key) && typeof value === "string" && privateKeyBlock.test(value))
      out.privateKeys.push(`${where}ssh_keys.${key}`);
  (list(doc.write_files) ?? []).forEach((value, i) => {
    const file = obj(value);
    const content = file?.content;
    if (!content || (typeof content !== "string" && !(content instanceof Uint8Array))) return;
    const text = writtenText(content, str(file?.encoding) ?? "");
    const at = `${where}write_files[${i}]${str(file?.path) ? ` (${str(file?.path)})` : ""}`;
    if (text === undefined) {
      out.notJudged.push(`${at} has content that does not decode as its encoding says`);
      return;
    }
    if (privateKeyBlock.test(text)) out.privateKeys.push(at);
    // A file written at boot is an sshd drop-in (sshd_config.d/*.conf) or a script run later:
    // read as a script, so `PasswordAuthentication yes` or `chpasswd` in it counts.
    judgeScript(text, `${at}: `, out);
  });
}

/**
 * A write_files entry's content as the file will hold it. cloud-init's encodings (cc_write_files.py
 * `canonicalize_extraction`): b64/base64, gz/gzip, and gz+b64 in any spelling of both; gzip data
 * may also come as YAML `!!binary`, which the parser hands over as bytes. Undefined when it does
 * not decode.
 */
function writtenText(content: string | Uint8Array, encoding: string): string | undefined {
  const e = encoding.toLowerCase().trim();
  try {
    const base64 = /(^|\+)(b64|base64)$/.test(e);
    const gzip = /^(gz|gzip)(\+|$)/.test(e);
    const bytes =
      typeof content !== "string"
        ? Buffer.from(content)
        : Buffer.from(content, base64 ? "base64" : "utf8");
    return (gzip ? gunzipSync(bytes) : bytes).toString("utf8");
  } catch {
    return undefined;
  }
}

function judgeScript(text: string, where: string, out: UserDataFindings) {
  // Any line but a comment: `echo ... >> sshd_config`, `sed -i 's/...#.../...yes/'`...
  if (/^(?!\s*#)[^\n]*PasswordAuthentication\s+yes/im.test(text))
    out.passwordLogin.push(`${where}PasswordAuthentication yes`);
  if (/(^|[\s;|&])(chpasswd|passwd\s+--stdin)\b/m.test(text))
    out.passwords.push(`${where}chpasswd/passwd`);
}

/** Findings in user data; "unreadable" when it cannot be decoded or its cloud-config parsed. */
export function judgeUserData(value: string): UserDataFindings | "unreadable" {
  const text = userDataText(value);
  if (text === "unreadable") return "unreadable";
  const out: UserDataFindings = {
    passwordLogin: [],
    passwords: [],
    privateKeys: [],
    notJudged: [],
  };
  const all = parts(text);
  for (const [i, part] of all.entries()) {
    if (judgePart(part, all.length > 1 ? `part ${i + 1}: ` : "", out) === "unreadable")
      return "unreadable";
  }
  return out;
}

function judgePart(part: Part, where: string, out: UserDataFindings): "unreadable" | undefined {
  const { kind, body } = kindOf(part);
  if (kind === "cloud-config" || kind === "archive") {
    let doc: unknown;
    try {
      doc = parse(body, { maxAliasCount: 100, prettyErrors: false });
    } catch {
      return "unreadable";
    }
    if (kind === "archive") {
      // A list of parts: each a string, or `{type, content}` (cloud-init's cloud-config-archive).
      for (const [j, entry] of (list(doc) ?? []).entries()) {
        const content = typeof entry === "string" ? entry : str(obj(entry)?.content);
        if (content === undefined) continue;
        const contentType = str(obj(entry)?.type)?.toLowerCase();
        if (judgePart({ contentType, body: content }, `${where}archive[${j}]: `, out))
          return "unreadable";
      }
      return undefined;
    }
    const root = obj(doc);
    if (root) judgeCloudConfig(root, where, out);
    // runcmd/bootcmd lines are shell too.
    for (const key of ["runcmd", "bootcmd"])
      for (const cmd of list(root?.[key]) ?? [])
        judgeScript(Array.isArray(cmd) ? cmd.join(" ") : String(cmd), `${where}${key}: `, out);
  } else if (kind === "include") {
    const urls = body
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter((line) => line !== "" && !line.startsWith("#"));
    out.notJudged.push(
      `${where}includes ${urls.join(", ") || "URLs"}, fetched at boot: what they hold is not in the program`,
    );
  } else if (kind === "patch") {
    out.notJudged.push(`${where}is a #cloud-config-jsonp patch of the merged cloud-config`);
  } else {
    judgeScript(body, where, out);
  }
  if (privateKeyBlock.test(body) && !out.privateKeys.some((p) => p.startsWith(where)))
    out.privateKeys.push(`${where}a PEM private key block`);
  return undefined;
}

/**
 * An instance's `userData` judged for the rules that read it: undefined when there is none or it
 * cannot be judged, in which case `unknown` has been told why (never a silent pass).
 */
export function judgeInstanceUserData(
  userData: unknown,
  unknown: (message: string) => void,
  unknownDuringPreview: string,
): UserDataFindings | undefined {
  if (isUnknown(userData)) {
    unknown(unknownDuringPreview);
    return undefined;
  }
  const text = str(userData);
  if (!text) return undefined;
  const found = judgeUserData(text);
  if (found === "unreadable") {
    unknown(
      "`userData` cannot be decoded or parsed (base64, gzip, #cloud-config YAML): not judged.",
    );
    return undefined;
  }
  for (const what of found.notJudged) unknown(`\`userData\` ${what}: not judged.`);
  return found;
}
