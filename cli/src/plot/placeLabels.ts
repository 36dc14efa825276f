/** A label to place above the plot: its centre in pixels and its text. */
export interface LabelRequest {
  x: number;
  text: string;
}

/** Where a label went: its row above the plot (0 = lowest). */
export interface PlacedLabel extends LabelRequest {
  row: number;
}

/**
 * Places labels, most important first, in the lowest of `rows` rows where they overlap no label
 * already placed (text width estimated at `charWidth` pixels per character, plus a gap); labels
 * that fit nowhere are left out, so neighbouring regions never print over each other.
 */
export function placeLabels(labels: readonly LabelRequest[], rows = 3, charWidth = 6.2, gap = 6): PlacedLabel[] {
  const taken: [number, number][][] = Array.from({ length: rows }, () => []);
  const placed: PlacedLabel[] = [];
  for (const label of labels) {
    const half = (label.text.length * charWidth) / 2 + gap / 2;
    const [a, b] = [label.x - half, label.x + half];
    const row = taken.findIndex((spans) => spans.every(([s, e]) => b <= s || a >= e));
    if (row < 0) continue;
    taken[row]!.push([a, b]);
    placed.push({ ...label, row });
  }
  return placed;
}
