/**
 * Applies a user's regular expression to every sample name. `labels` need capture group 1;
 * `groups` take group 1 when there is one, otherwise the whole match. Names that do not match
 * are an error listing a few of them: silently dropping spectra would change the data set.
 */
export function applyPattern(names: string[], pattern: string, what: 'label' | 'group', flags = ''): string[] {
  let regex: RegExp;
  try {
    regex = new RegExp(pattern, flags);
  } catch (error) {
    throw new Error(`--${what}-pattern ${pattern} is not a valid regular expression (${(error as Error).message})`, { cause: error });
  }
  const needsCapture = what === 'label';
  const out: string[] = [];
  const unmatched: string[] = [];
  for (const name of names) {
    const match = regex.exec(name);
    const value = match ? (match[1] ?? (needsCapture ? undefined : match[0])) : undefined;
    if (value === undefined || value === '') unmatched.push(name);
    else out.push(value);
  }
  if (unmatched.length === names.length) {
    throw new Error(
      `--${what}-pattern /${pattern}/ matches none of the ${names.length} sample names (e.g. "${names[0]}")` +
        (needsCapture ? '; expected a pattern with one capture group, the class' : ''),
    );
  }
  if (unmatched.length > 0) {
    const shown = unmatched.slice(0, 3).map((name) => `"${name}"`).join(', ');
    throw new Error(`--${what}-pattern /${pattern}/ does not match ${unmatched.length} of ${names.length} sample names: ${shown}${unmatched.length > 3 ? ', ...' : ''}`);
  }
  return out;
}
