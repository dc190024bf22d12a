/**
 * Structural check of a SARIF 2.1.0 log against the properties the OASIS specification marks
 * required, plus what GitHub code scanning additionally enforces on upload (a physical location
 * with a relative URI on every result, rule ids that resolve, at most 20 runs).
 */
type Json = Record<string, unknown>;

export function sarifProblems(log: unknown): string[] {
  const problems: string[] = [];
  const fail = (p: string): void => {
    problems.push(p);
  };
  const obj = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);
  if (!obj(log)) return ["log is not an object"];
  if (log.version !== "2.1.0") fail(`version is ${JSON.stringify(log.version)}, not "2.1.0"`);
  if (typeof log.$schema !== "string" || !log.$schema.includes("sarif"))
    fail("$schema does not name the SARIF schema");
  if (!Array.isArray(log.runs) || log.runs.length === 0 || log.runs.length > 20)
    return [...problems, "runs must be an array of 1 to 20 runs"];
  log.runs.forEach((run: unknown, r) => {
    if (!obj(run)) return fail(`runs[${r}] is not an object`);
    const driver = obj(run.tool) && obj(run.tool.driver) ? run.tool.driver : undefined;
    if (!driver || typeof driver.name !== "string" || driver.name === "")
      return fail(`runs[${r}].tool.driver.name is required`);
    const rules = Array.isArray(driver.rules) ? (driver.rules as Json[]) : [];
    const ids = rules.map((rule) => rule.id);
    if (new Set(ids).size !== ids.length) fail(`runs[${r}] has duplicate rule ids`);
    rules.forEach((rule, i) => {
      if (typeof rule.id !== "string" || rule.id === "") fail(`rules[${i}].id is required`);
      if (!obj(rule.shortDescription) || typeof rule.shortDescription.text !== "string")
        fail(`rules[${i}].shortDescription.text is required`);
      const level = obj(rule.defaultConfiguration) ? rule.defaultConfiguration.level : undefined;
      if (level !== undefined && !["none", "note", "warning", "error"].includes(level as string))
        fail(`rules[${i}] has a bad level`);
      const score = obj(rule.properties) ? rule.properties["security-severity"] : undefined;
      if (
        score !== undefined &&
        !(typeof score === "string" && Number(score) >= 0 && Number(score) <= 10)
      )
        fail(`rules[${i}] security-severity must be a string 0-10`);
    });
    if (!Array.isArray(run.results)) return fail(`runs[${r}].results must be an array`);
    run.results.forEach((result: unknown, i) => {
      if (!obj(result)) return fail(`results[${i}] is not an object`);
      if (
        !obj(result.message) ||
        typeof result.message.text !== "string" ||
        result.message.text === ""
      )
        fail(`results[${i}].message.text is required`);
      if (typeof result.ruleId !== "string") fail(`results[${i}].ruleId is required`);
      if (typeof result.ruleIndex === "number" && ids[result.ruleIndex] !== result.ruleId)
        fail(`results[${i}].ruleIndex does not point at its ruleId`);
      if (!["none", "note", "warning", "error"].includes(result.level as string))
        fail(`results[${i}].level is not a SARIF level`);
      const locations = Array.isArray(result.locations) ? (result.locations as Json[]) : [];
      if (locations.length === 0) fail(`results[${i}] has no location (GitHub requires one)`);
      for (const location of locations) {
        const physical = obj(location.physicalLocation) ? location.physicalLocation : undefined;
        const artifact =
          physical && obj(physical.artifactLocation) ? physical.artifactLocation : undefined;
        const uri = artifact?.uri;
        if (typeof uri !== "string" || uri === "" || uri.startsWith("/") || /^[a-z]+:/i.test(uri))
          fail(`results[${i}] needs a relative artifactLocation.uri, got ${JSON.stringify(uri)}`);
        const region = physical && obj(physical.region) ? physical.region : undefined;
        if (region && !(Number.isInteger(region.startLine) && (region.startLine as number) >= 1))
          fail(`results[${i}].region.startLine must be >= 1`);
      }
    });
  });
  return problems;
}
