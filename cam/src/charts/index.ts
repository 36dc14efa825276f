export { VEGA_LITE_SCHEMA, frame, round, xEncoding, xScale, xTitle, type ChartOptions, type VegaLiteSpec } from './chartSpec.js';
export { spectrumCamChart, type SpectrumCamChartInput } from './spectrumCamChart.js';
export { classPatternChart, type ClassPatternChartInput } from './classPatternChart.js';
export { topFrequencyChart, type TopFrequencyChartInput } from './topFrequencyChart.js';
