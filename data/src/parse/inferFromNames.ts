/**
 * Default labels when none are given: the first `_`-separated token of each sample name, less
 * the prefix all those tokens share, lower-cased. `FreshChicken_SupplierA_Sample1_RunA` ->
 * `chicken`. Returns undefined (caller asks for a label option) when this does not give at least
 * two classes each with at least two spectra.
 */
export function inferLabelsFromNames(names: string[]): { labels: string[]; rule: string } | undefined {
  const tokens = names.map((name) => name.split('_')[0]);
  let prefix = tokens[0] ?? '';
  for (const token of tokens) while (!token.startsWith(prefix)) prefix = prefix.slice(0, -1);
  // Keep at least one character per class: a prefix that is a whole token cannot be removed.
  while (prefix.length > 0 && tokens.some((token) => token.length <= prefix.length)) prefix = prefix.slice(0, -1);
  const labels = tokens.map((token) => token.slice(prefix.length).toLowerCase());
  const counts = new Map<string, number>();
  for (const label of labels) counts.set(label, (counts.get(label) ?? 0) + 1);
  if (counts.size < 2 || [...counts.values()].some((count) => count < 2) || labels.some((label) => label === '')) return undefined;
  return {
    labels,
    rule: `first "_" token of the sample name${prefix ? ` without the common prefix "${prefix}"` : ''}, lower-cased`,
  };
}

/** Replicate markers whose preceding part names the group: `X_RunA`, `X_rep2`, `X_cell5...`. */
export const REPLICATE_PATTERN = /^(.+?)_(?:run|rep|replicate|cell)[A-Za-z0-9]*(?:_|$)/i;

/**
 * Default groups: the part of each name before a replicate marker (`_Run`, `_rep`, `_replicate`,
 * `_cell`, any case), when EVERY name has one; undefined otherwise.
 */
export function inferGroupsFromNames(names: string[]): { groups: string[]; rule: string } | undefined {
  const groups: string[] = [];
  for (const name of names) {
    const match = REPLICATE_PATTERN.exec(name);
    if (!match) return undefined;
    groups.push(match[1]);
  }
  return { groups, rule: 'the sample name before its replicate marker (_Run, _rep, _replicate, _cell)' };
}
