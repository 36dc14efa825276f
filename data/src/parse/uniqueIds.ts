/**
 * Ids from sample names, unique: the second and later copies of a name get `#2`, `#3`, ...
 * Repeated names are reported, since they usually mean a labelling slip in the source.
 */
export function uniqueIds(names: string[]): { ids: string[]; duplicates: string[] } {
  const seen = new Map<string, number>();
  const duplicates: string[] = [];
  const ids = names.map((name) => {
    const count = (seen.get(name) ?? 0) + 1;
    seen.set(name, count);
    if (count === 2) duplicates.push(name);
    return count === 1 ? name : `${name}#${count}`;
  });
  return { ids, duplicates };
}
