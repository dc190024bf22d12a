/** What a renderer may need beyond the result itself. */
export interface RenderContext {
  /** Tool version, for SARIF's `tool.driver.version`. */
  version: string;
  /** Repository-relative file that findings without a file of their own point to. */
  defaultFile: string;
  /** Line of each URN in the checked artifact's text (`hdh check`), for SARIF locations. */
  urnLines?: ReadonlyMap<string, number>;
}
