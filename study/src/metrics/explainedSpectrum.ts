/** What the explanation metrics read of one explanation (the runtime's Explanation has these fields). */
export interface ExplainedSpectrum {
  predicted: string;
  maps: readonly {
    peak: number;
    peakIndex: number;
    regions: readonly { start: number; end: number; startIndex: number; endIndex: number }[];
  }[];
}
