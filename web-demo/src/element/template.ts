/**
 * The element's content (in its shadow root, so ids are the element's own and a host page's CSS
 * does not reach in). `part` names let a page restyle the main pieces (::part()).
 */
export const TEMPLATE = `
<section id="inputs" part="inputs" aria-label="inputs">
  <div id="drop-zone" part="drop-zone" tabindex="0">
    <p>Drop an <code>.onnx</code> model (from <code>spectracam export</code>) and/or spectra
      (CSV rows or columns, two-column text, JCAMP-DX) here, or pick them:</p>
    <label>model <input id="model-input" type="file" accept=".onnx" /></label>
    <label>spectra <input id="spectra-input" type="file" multiple accept=".csv,.tsv,.txt,.dat,.dx,.jdx,.jcamp,.spc" /></label>
    <p id="message" role="alert" aria-live="assertive"></p>
  </div>
  <div id="controls">
    <label>device <select id="device-select"><option value="wasm">wasm</option></select></label>
    <label>method <select id="method-select"><option value="cam">cam</option></select></label>
    <label>band table
      <select id="bands-select">
        <option value="auto">auto</option><option value="raman">Raman</option>
        <option value="midIr">mid-IR</option><option value="none">none</option>
      </select>
    </label>
    <label title="How far (the model's axis units) a spectrum may stop short of either end of the model's axis: its end values fill the gap. 0 refuses such spectra.">extend ends
      <input id="extend-input" type="number" min="0" step="any" value="0" inputmode="decimal" /> <span id="extend-unit"></span>
    </label>
    <span id="status" role="status">starting…</span>
  </div>
</section>

<section id="model-info" aria-label="model"></section>

<section id="results" part="results" aria-label="explanation" hidden>
  <p id="unknown-banner" class="unknown-banner" role="status" hidden></p>
  <div class="pickers">
    <label>spectrum <select id="spectrum-select"></select></label>
    <label>map of class <select id="class-select"></select></label>
    <label>overlay
      <select id="overlay-select"><option value="band">colour band</option><option value="fill">filled curve</option></select>
    </label>
  </div>
  <h2>Class probabilities</h2>
  <div id="probabilities"></div>
  <h2>Spectrum and importance</h2>
  <div id="spectrum-chart" class="chart-box"></div>
  <div id="regions"></div>
  <div id="batch" hidden>
    <h2>Batch: class patterns</h2>
    <p class="note" id="batch-note"></p>
    <div id="class-mean-chart" class="chart-box"></div>
    <div id="frequency-chart" class="chart-box"></div>
  </div>
  <h2>Feature maps</h2>
  <div id="feature-maps" class="feature-maps"></div>
</section>
`;
