/** Class probabilities of one spectrum as a table with bars; the predicted class is marked. */
export function drawProbabilities(container: HTMLElement, classes: string[], probabilities: number[], predicted: string): void {
  const table = document.createElement('table');
  table.className = 'probabilities';
  for (const [i, name] of classes.entries()) {
    const row = table.insertRow();
    if (name === predicted) row.className = 'predicted';
    row.insertCell().textContent = name;
    const bar = document.createElement('div');
    bar.className = 'bar';
    bar.style.width = `${(100 * probabilities[i]!).toFixed(1)}%`;
    row.insertCell().appendChild(bar);
    row.insertCell().textContent = `${(100 * probabilities[i]!).toFixed(2)} %`;
  }
  container.replaceChildren(table);
}
