/**
 * The reviewed package list served by the mirror's `allowlist` proxy (tiers whose controls say
 * `mirror: "allowlist"`, policies/catalog/data-tiers.ts). A package not listed here cannot be
 * downloaded from an allowlist workspace, whatever its index pages show.
 *
 * Adding a package is a reviewed change to this file: check its maintainers, that it does not
 * phone home or upload data, and list its run-time dependencies too (installers fetch them from
 * the same mirror). This is a starting list for epidemiology on SNDS extracts, not a complete
 * dependency closure: the data team extends it with each project's needs.
 */

export type Ecosystem = "pypi" | "cran" | "conda";

export type PackageAllowlist = Readonly<Record<Ecosystem, readonly string[]>>;

export const packageAllowlist: PackageAllowlist = {
  pypi: [
    "numpy",
    "pandas",
    "scipy",
    "statsmodels",
    "scikit-learn",
    "matplotlib",
    "seaborn",
    "pyarrow",
    "polars",
    "lifelines",
    "python-dateutil",
    "pytz",
    "tzdata",
    "six",
    "patsy",
    "packaging",
    "joblib",
    "threadpoolctl",
    "contourpy",
    "cycler",
    "fonttools",
    "kiwisolver",
    "pillow",
    "pyparsing",
  ],
  cran: [
    "survival",
    "data.table",
    "dplyr",
    "tidyr",
    "ggplot2",
    "readr",
    "lubridate",
    "lme4",
    "MatchIt",
    "broom",
    "arrow",
    "rlang",
    "vctrs",
    "tibble",
    "magrittr",
    "glue",
    "cli",
  ],
  conda: ["numpy", "pandas", "scipy", "statsmodels", "scikit-learn", "matplotlib-base", "r-base"],
};

/** Valid names per ecosystem (PEP 508 names, CRAN names, conda names): nothing else reaches nginx. */
const namePatterns: Readonly<Record<Ecosystem, RegExp>> = {
  pypi: /^[A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?$/,
  cran: /^[A-Za-z][A-Za-z0-9.]*[A-Za-z0-9]$/,
  conda: /^[a-z0-9][a-z0-9._-]*$/,
};

/** Problems with an allowlist, each naming the entry: a bad name could rewrite the proxy's rules. */
export function allowlistProblems(list: PackageAllowlist): string[] {
  const problems: string[] = [];
  for (const ecosystem of Object.keys(namePatterns) as Ecosystem[]) {
    const seen = new Set<string>();
    list[ecosystem].forEach((name, i) => {
      if (!namePatterns[ecosystem].test(name)) {
        problems.push(
          `allowlist.${ecosystem}[${i}]: "${name}" is not a valid ${ecosystem} package name`,
        );
      } else if (seen.has(name.toLowerCase())) {
        problems.push(`allowlist.${ecosystem}[${i}]: "${name}" is listed twice`);
      }
      seen.add(name.toLowerCase());
    });
  }
  return problems;
}

/** PEP 503 normalised name: lower case, runs of -_. as one '-'. */
export function normalisePypiName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, "-");
}
