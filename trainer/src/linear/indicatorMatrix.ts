/**
 * One-hot class indicator matrix (rows = spectra, columns = `classes` in order), the response
 * PLS-LDA regresses on. Throws on a label that is not one of `classes`.
 */
export function indicatorMatrix(labels: readonly string[], classes: readonly string[]): Float64Array[] {
  const column = new Map(classes.map((c, i) => [c, i]));
  return labels.map((label, row) => {
    const j = column.get(label);
    if (j === undefined) {
      throw new RangeError(`spectrum ${row}: label ${JSON.stringify(label)} is not one of the classes ${JSON.stringify(classes)}`);
    }
    const out = new Float64Array(classes.length);
    out[j] = 1;
    return out;
  });
}
