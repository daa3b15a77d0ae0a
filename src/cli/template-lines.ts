/**
 * Finds the line on which each resource of a template starts, so that SARIF can point at it
 * and findings can follow the template's order. Works on block-style YAML and pretty-printed
 * JSON (what `cdk synth` writes); a resource it cannot place is on line 1.
 */
export function resourceLines(text: string): Map<string, number> {
  const lines = text.split(/\r?\n/);
  const found = new Map<string, number>();
  const resourcesLine = lines.findIndex(line => /^\s*"?Resources"?\s*:/.test(line));
  if (resourcesLine < 0) {
    return found;
  }
  const sectionIndent = indentOf(lines[resourcesLine]);
  let resourceIndent: number | undefined;
  for (let index = resourcesLine + 1; index < lines.length; index++) {
    const line = lines[index];
    const key = /^(\s*)"?([A-Za-z0-9]+)"?\s*:/.exec(line);
    if (!key) {
      continue;
    }
    const indent = key[1].length;
    if (indent <= sectionIndent) {
      break; // the next top-level section
    }
    resourceIndent ??= indent;
    if (indent === resourceIndent && !found.has(key[2])) {
      found.set(key[2], index + 1);
    }
  }
  return found;
}

function indentOf(line: string): number {
  return /^\s*/.exec(line)![0].length;
}
