/** Root-mean-square error over every entry of two equally shaped matrices (rows x columns). */
export function rmse(predicted: readonly ArrayLike<number>[], actual: readonly ArrayLike<number>[]): number {
  if (predicted.length !== actual.length) throw new RangeError(`rmse: ${predicted.length} predicted rows, ${actual.length} actual`);
  let sum = 0;
  let count = 0;
  predicted.forEach((row, i) => {
    const target = actual[i]!;
    for (let j = 0; j < row.length; j++) {
      sum += (row[j]! - target[j]!) ** 2;
      count++;
    }
  });
  return count === 0 ? 0 : Math.sqrt(sum / count);
}
