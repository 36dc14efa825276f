/**
 * A spectrum that stops short of the model's axis: `extendEnds` (axis units; its gap at the farther
 * end, rounded up to 4 significant digits, as the message says) as `InputOptions.extendEnds` lets it
 * through. Front ends read the figure to offer the allowance in their own words; spectra that miss
 * the axis altogether get a plain RangeError.
 */
export class AxisGapError extends RangeError {
  readonly extendEnds: number;

  constructor(message: string, extendEnds: number, options?: ErrorOptions) {
    super(message, options);
    this.extendEnds = extendEnds;
  }
}
