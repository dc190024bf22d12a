/**
 * The project's own modules a program loads: the transitive closure of relative imports from
 * entry files, read from each file's syntax tree as the TypeScript compiler parses it. Found:
 * `import` (type-only too), `export ... from`, `import x = require()`, `require()` and dynamic
 * `import()`. Package imports (`@pulumi/pulumi`) are left out: their versions are
 * package-lock.json's, which the change mapping treats on its own.
 *
 * Type-only imports are kept on purpose: a type a program depends on (the platform contract's
 * fields) changes what the program may do even when none of its code runs.
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import { dirname, relative, resolve, sep } from "node:path";
import type * as TypeScript from "typescript";

/** Extensions a relative specifier may leave out, in the order TypeScript tries them. */
const candidates = ["", ".ts", ".tsx", ".d.ts", ".js", ".json", "/index.ts", "/index.js"];

export interface ClosureEntry {
  /** Repository-relative path of the entry file. */
  readonly file: string;
  /**
   * Follow the entry's own dynamic `import()`s. False for a command dispatcher (cli/main.ts)
   * that loads each command lazily: only the command actually run is part of the closure.
   * Dynamic imports further down are always followed.
   * @default true
   */
  readonly followDynamic?: boolean;
}

/**
 * Relative imports of the project's files, each file parsed once however many closures ask.
 */
export class ImportGraph {
  private readonly edges = new Map<string, Specifier[]>();

  private constructor(
    private readonly root: string,
    private readonly ts: typeof TypeScript,
  ) {}

  static async of(root: string): Promise<ImportGraph> {
    return new ImportGraph(root, await import("typescript"));
  }

  /**
   * Repository-relative paths (POSIX separators) of every project file reachable from
   * `entries`, entries included. A relative import that resolves to no file is an error: the
   * closure would be silently short.
   */
  closure(entries: readonly ClosureEntry[]): Set<string> {
    const seen = new Set<string>();
    const queue = entries.map((entry) => ({
      path: resolve(this.root, entry.file),
      followDynamic: entry.followDynamic ?? true,
    }));
    while (queue.length > 0) {
      const { path, followDynamic } = queue.pop()!;
      const key = toRepoPath(this.root, path);
      if (seen.has(key)) continue;
      seen.add(key);
      for (const { specifier, dynamic } of this.importsOf(path)) {
        if (!specifier.startsWith(".") || (dynamic && !followDynamic)) continue;
        queue.push({ path: resolveModule(dirname(path), specifier, key), followDynamic: true });
      }
    }
    return seen;
  }

  private importsOf(path: string): Specifier[] {
    if (!/\.(ts|tsx|js|mjs|cjs)$/.test(path)) return [];
    let found = this.edges.get(path);
    if (!found) {
      found = moduleSpecifiers(this.ts, path, readFileSync(path, "utf8"));
      this.edges.set(path, found);
    }
    return found;
  }
}

interface Specifier {
  specifier: string;
  /** Loaded by `import()` at run time rather than when the importer loads. */
  dynamic: boolean;
}

/** Parses of earlier runs in this process (tests run hdh in-process), by path, kept while the text is the same. */
const parsed = new Map<string, { text: string; specifiers: Specifier[] }>();

function moduleSpecifiers(ts: typeof TypeScript, path: string, text: string): Specifier[] {
  const earlier = parsed.get(path);
  if (earlier?.text === text) return earlier.specifiers;
  const specifiers = parseSpecifiers(ts, path, text);
  parsed.set(path, { text, specifiers });
  return specifiers;
}

function parseSpecifiers(ts: typeof TypeScript, path: string, text: string): Specifier[] {
  const source = ts.createSourceFile(path, text, ts.ScriptTarget.Latest);
  const found: Specifier[] = [];
  const visit = (node: TypeScript.Node): void => {
    if (
      (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) &&
      node.moduleSpecifier &&
      ts.isStringLiteral(node.moduleSpecifier)
    ) {
      found.push({ specifier: node.moduleSpecifier.text, dynamic: false });
    } else if (
      ts.isImportEqualsDeclaration(node) &&
      ts.isExternalModuleReference(node.moduleReference) &&
      ts.isStringLiteral(node.moduleReference.expression)
    ) {
      found.push({ specifier: node.moduleReference.expression.text, dynamic: false });
    } else if (ts.isCallExpression(node) && node.arguments.length > 0) {
      const [first] = node.arguments;
      const isImport = node.expression.kind === ts.SyntaxKind.ImportKeyword;
      const isRequire = ts.isIdentifier(node.expression) && node.expression.text === "require";
      if ((isImport || isRequire) && ts.isStringLiteralLike(first)) {
        found.push({ specifier: first.text, dynamic: isImport });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

function resolveModule(fromDir: string, specifier: string, importer: string): string {
  const base = resolve(fromDir, specifier);
  for (const suffix of candidates) {
    const path = base + suffix;
    if (existsSync(path) && statSync(path).isFile()) return path;
  }
  throw new Error(`${importer} imports ${specifier}, which resolves to no file`);
}

function toRepoPath(root: string, file: string): string {
  return relative(root, file).split(sep).join("/");
}
