import { describe, expect, it } from "vitest";
import { packageAllowlist, allowlistProblems } from "../../../components/mirror/allowlists";
import { defaultUpstreams, renderProxyConfig } from "../../../components/mirror/proxy-config";

describe("mirror proxy configuration", () => {
  const full = renderProxyConfig(defaultUpstreams);
  const allow = renderProxyConfig(defaultUpstreams, packageAllowlist);

  it("the full proxy has no package gate; the allowlist proxy gates every package download", () => {
    expect(full).not.toContain("return 403");
    expect(allow.match(/return 403/g)).toHaveLength(4);
    for (const variable of [
      "$cran_allowed",
      "$pypi_project_allowed",
      "$pypi_file_allowed",
      "$conda_allowed",
    ]) {
      expect(allow).toContain(`if (${variable} = 0) { return 403; }`);
      expect(allow).toContain(`map `);
    }
  });

  it("both refuse anything but GET and HEAD, and serve nothing outside the three repositories", () => {
    for (const config of [full, allow]) {
      expect(config).toContain("if ($request_method !~ ^(GET|HEAD)$) { return 405; }");
      expect(config).toContain("location / { return 404; }");
      expect(config).toContain("proxy_ssl_verify on;");
    }
  });

  it("escapes dots of CRAN names so data.table does not also allow dataXtable", () => {
    expect(allow).toContain("data\\.table");
  });

  it("the shipped allowlist is valid", () => {
    expect(allowlistProblems(packageAllowlist)).toEqual([]);
  });

  it("names that could inject proxy rules are refused", () => {
    expect(
      allowlistProblems({ pypi: ["numpy;", "a b"], cran: ["1abc"], conda: ["Pandas", "x", "x"] }),
    ).toEqual([
      'allowlist.pypi[0]: "numpy;" is not a valid pypi package name',
      'allowlist.pypi[1]: "a b" is not a valid pypi package name',
      'allowlist.cran[0]: "1abc" is not a valid cran package name',
      'allowlist.conda[0]: "Pandas" is not a valid conda package name',
      'allowlist.conda[2]: "x" is listed twice',
    ]);
  });
});
