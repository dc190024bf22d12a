/**
 * How deeply a JSON text nests arrays and objects, measured on the text in one linear pass (no
 * recursion), so a hostile artifact nested thousands of levels deep is refused before any
 * recursive decoder or policy walks it and runs out of stack.
 */

/** Far beyond any real Pulumi artifact (a Kubernetes pod spec in a stack export nests ~20). */
export const maxNestingDepth = 256;

/** The deepest nesting in `text`, counting only brackets outside strings. */
export function nestingDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) deepest = Math.max(deepest, ++depth);
    else if (c === 0x5d || c === 0x7d) depth--;
  }
  return deepest;
}
