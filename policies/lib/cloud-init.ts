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
 * `passwd`, `hashed_passwd`, `plain_text_passwd` (`users` as a list or as a mapping of names);
 * `ssh_keys` host private keys; `write_files` contents (decoded as cloud-init decodes them, then
 * judged by what the system does with the file: see `fileRole`). Shell parts are searched for
 * sshd password directives, `chpasswd`/`passwd --stdin`/`usermod -p`, and every text for PEM
 * private key blocks. A Jinja part's `{{ }}`/`{% %}` values are rendered from instance data at
 * boot: what they hold is reported as not judged.
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

function kindOf(part: Part): { kind: PartKind; body: string; jinja: boolean } {
  let body = part.body.replace(/^\s+/, "");
  const header = /^## template:\s*jinja[^\n]*\n/i.exec(body);
  const jinja = header !== null || part.contentType === "text/jinja2";
  if (header) body = body.slice(header[0].length).replace(/^\s+/, "");
  // These types leave the kind to the part's first line, as cloud-init's TYPE_NEEDED
  // (cloudinit/user_data.py: "text/plain", "text/x-not-multipart"); a Jinja part names its kind
  // on the line after its header.
  const type = typeFromFirstLine.has(part.contentType ?? "") ? undefined : part.contentType;
  if (type === "text/cloud-config" || (!type && /^#cloud-config(?!-)/i.test(body)))
    return { kind: "cloud-config", body, jinja };
  if (type === "text/cloud-config-archive" || (!type && /^#cloud-config-archive/i.test(body)))
    return { kind: "archive", body, jinja };
  if (/^text\/x-include(-once)?-url$/.test(type ?? "") || (!type && /^#include/i.test(body)))
    return { kind: "include", body, jinja };
  if (/^#cloud-config-jsonp/i.test(body)) return { kind: "patch", body, jinja };
  return { kind: "script", body, jinja };
}

const isSet = (v: unknown) => v !== undefined && v !== null && v !== false && v !== "";

function judgeCloudConfig(
  doc: Record<string, unknown>,
  where: string,
  out: UserDataFindings,
  shellText: string,
) {
  // runcmd/bootcmd lines are shell; what they name, with the user data's shell parts, is run.
  const lines = ["runcmd", "bootcmd"].flatMap((key) =>
    (list(doc[key]) ?? []).map((cmd) => ({
      key,
      line: Array.isArray(cmd) ? cmd.map(String).join(" ") : String(cmd),
    })),
  );
  for (const { key, line } of lines) judgeScript(line, `${where}${key}: `, out);
  const commands = [shellText, ...lines.map((l) => l.line)].join("\n");
  const pwauth = doc.ssh_pwauth;
  if (isTrue(pwauth) || (typeof pwauth === "string" && /^(yes|on|1)$/i.test(pwauth)))
    out.passwordLogin.push(`${where}ssh_pwauth: ${String(pwauth)}`);
  if (isSet(doc.password)) out.passwords.push(`${where}password`);
  const chpasswd = obj(doc.chpasswd);
  if (chpasswd && (isSet(chpasswd.list) || (list(chpasswd.users) ?? []).length > 0))
    out.passwords.push(`${where}chpasswd`);
  for (const { user, at } of usersOf(doc.users))
    for (const key of ["passwd", "hashed_passwd", "plain_text_passwd"])
      if (isSet(user[key])) out.passwords.push(`${where}${at}.${key}`);
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
    judgeWrittenFile(
      { path: str(file?.path), permissions: str(file?.permissions), text },
      `${at}: `,
      out,
      commands,
    );
  });
}

/**
 * The users of cloud-init's `users` key: a list of names or mappings, or a mapping of names to
 * their settings (cloud-init cloudinit/distros/ug_util.py `_normalize_users`: a dict's keys are
 * the names, its values the settings).
 */
function usersOf(value: unknown): { user: Record<string, unknown>; at: string }[] {
  const asList = list(value);
  if (asList)
    return asList.flatMap((entry, i) => {
      const user = obj(entry);
      return user
        ? [{ user, at: `users[${i}]${str(user.name) ? ` (${str(user.name)})` : ""}` }]
        : [];
    });
  return Object.entries(obj(value) ?? {}).flatMap(([name, entry]) => {
    const user = obj(entry);
    return user ? [{ user, at: `users.${name}` }] : [];
  });
}

/** What the system does with a file written at boot, which decides what in it counts. */
type FileRole = "sshd-config" | "cloud-config" | "script" | "data";

/**
 * A file's role from its path, permissions and first line, as the system would use it:
 * - `sshd-config`: /etc/ssh/sshd_config and its drop-ins /etc/ssh/sshd_config.d/* (Debian's and
 *   Ubuntu's sshd_config begins with `Include /etc/ssh/sshd_config.d/*.conf`, sshd_config(5)
 *   "Include": https://man.openbsd.org/sshd_config#Include);
 * - `cloud-config`: /etc/cloud/cloud.cfg and /etc/cloud/cloud.cfg.d/*.cfg, merged into the
 *   configuration cloud-init reads at every boot
 *   (https://cloudinit.readthedocs.io/en/latest/reference/base_config_reference.html);
 * - `script`: what runs: /var/lib/cloud/scripts/per-boot|per-instance|per-once|vendor/* (the
 *   Scripts Per Boot/Instance/Once modules, https://cloudinit.readthedocs.io/en/latest/reference/modules.html,
 *   directory layout: https://docs.redhat.com/en/documentation/red_hat_enterprise_linux/9/html/configuring_and_managing_cloud-init_for_rhel_9/cloud-init-var-lib-cloud-directory-layout_red-hat-support-for-cloud-init),
 *   systemd units, cron, rc.local, profile.d, executable bin directories; any file with an
 *   execute bit in `permissions`, a `#!` first line, or whose path a runcmd/bootcmd line or a
 *   shell part names (run later by that command);
 * - `data`: anything else (documentation, application data): only a private key in it counts.
 */
function fileRole(path: string, permissions: string, text: string, commands: string): FileRole {
  const p = path.trim().replace(/\/+/g, "/");
  if (/^\/etc\/ssh\/sshd_config(\.d\/[^/]+)?$/.test(p)) return "sshd-config";
  if (/^\/etc\/cloud\/cloud\.cfg(\.d\/[^/]+)?$/.test(p)) return "cloud-config";
  if (
    /^\/var\/lib\/cloud\/scripts\/(per-boot|per-instance|per-once|vendor)\//.test(p) ||
    /^\/(etc|usr\/lib|lib|run)\/systemd\/(system|user)\//.test(p) ||
    /^\/etc\/(cron\.[a-z]+\/|crontab$|rc\.local$|rc\d\.d\/|init\.d\/|profile\.d\/|profile$|bash\.bashrc$)/.test(
      p,
    ) ||
    /^\/var\/spool\/cron\//.test(p) ||
    /^\/(usr\/local\/|usr\/|)s?bin\//.test(p) ||
    /^[0-7]*[1357][0-7]{0,2}$/.test(permissions.trim().replace(/^0o/i, "").slice(-3)) ||
    /^#!/.test(text) ||
    (p !== "" && commands.includes(p))
  )
    return "script";
  return "data";
}

/** Judges a file written at boot (cloud-init `write_files`, Nova `personalities`) by its role. */
export function judgeWrittenFile(
  file: { path?: string; permissions?: string; text: string },
  where: string,
  out: UserDataFindings,
  commands = "",
) {
  if (privateKeyBlock.test(file.text)) out.privateKeys.push(where.replace(/: $/, ""));
  switch (fileRole(file.path ?? "", file.permissions ?? "", file.text, commands)) {
    case "sshd-config":
      judgeSshdDirectives(file.text, where, out);
      return;
    case "cloud-config": {
      let doc: unknown;
      try {
        doc = parse(file.text, { maxAliasCount: 100, prettyErrors: false });
      } catch {
        out.notJudged.push(`${where}is cloud-init configuration that does not parse`);
        return;
      }
      const root = obj(doc);
      if (root) judgeCloudConfig(root, where, out, commands);
      return;
    }
    case "script":
      judgeScript(file.text, where, out);
      return;
    case "data":
      return;
  }
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

/**
 * sshd directives that let a password in: `PasswordAuthentication yes`, and the PAM route
 * `KbdInteractiveAuthentication yes` (its older name `ChallengeResponseAuthentication`), which
 * asks for the account's password through keyboard-interactive (sshd_config(5),
 * https://man.openbsd.org/sshd_config#KbdInteractiveAuthentication). Any line but a comment, so
 * `echo ... >> sshd_config` and `sed -i 's/...#.../...yes/'` count in a script too.
 */
const sshdPasswordDirective =
  /^(?!\s*#)[^\n]*\b(PasswordAuthentication|KbdInteractiveAuthentication|ChallengeResponseAuthentication)[\s=]+"?yes\b/im;

function judgeSshdDirectives(text: string, where: string, out: UserDataFindings) {
  const directive = sshdPasswordDirective.exec(text);
  if (directive) out.passwordLogin.push(`${where}${directive[1]} yes`);
}

/**
 * A shell text: sshd directives it writes, and commands that set a password: chpasswd(8),
 * `passwd --stdin`, and `usermod -p`/`--password` (usermod(8): sets the encrypted password).
 */
function judgeScript(text: string, where: string, out: UserDataFindings) {
  judgeSshdDirectives(text, where, out);
  if (
    /(^|[\s;|&(`])(chpasswd|passwd\s+--stdin|usermod\s+(?:[^\n;|&]*\s)?(-p|--password)\b)/m.test(
      text,
    )
  )
    out.passwords.push(`${where}chpasswd/passwd/usermod`);
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
  // The shell parts' text: a file written at boot that one of them names is run by it.
  const shellText = all
    .map((part) => kindOf(part))
    .filter((p) => p.kind === "script")
    .map((p) => p.body)
    .join("\n");
  for (const [i, part] of all.entries()) {
    if (judgePart(part, all.length > 1 ? `part ${i + 1}: ` : "", out, shellText) === "unreadable")
      return "unreadable";
  }
  return out;
}

/**
 * A Jinja template's body with each `{{ ... }}` expression replaced by a placeholder and each
 * `{% ... %}` statement dropped: cloud-init renders them from instance data at boot
 * (https://cloudinit.readthedocs.io/en/latest/explanation/instancedata.html), so the literal text
 * around them is judged and the expressions are reported as not judged.
 */
function withoutJinja(body: string): { body: string; templated: boolean } {
  const templated = /\{\{[\s\S]*?\}\}|\{%[\s\S]*?%\}/.test(body);
  return {
    body: body.replace(/\{%[\s\S]*?%\}/g, "").replace(/\{\{[\s\S]*?\}\}/g, "jinja-expression"),
    templated,
  };
}

function judgePart(
  part: Part,
  where: string,
  out: UserDataFindings,
  shellText: string,
): "unreadable" | undefined {
  const kinded = kindOf(part);
  const { kind } = kinded;
  let { body } = kinded;
  if (kinded.jinja) {
    const rendered = withoutJinja(body);
    body = rendered.body;
    if (rendered.templated)
      out.notJudged.push(
        `${where}is a Jinja template whose {{ }}/{% %} values are rendered from instance data at boot`,
      );
  }
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
        if (judgePart({ contentType, body: content }, `${where}archive[${j}]: `, out, shellText))
          return "unreadable";
      }
      return undefined;
    }
    const root = obj(doc);
    if (root) judgeCloudConfig(root, where, out, shellText);
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
