import type { AppState } from '../app/appState.js';
import { byId } from '../app/dom.js';
import type { Root } from '../app/dom.js';
import type { OverlayMode } from '../ui/spectrumChart.js';

/** What the element does when a visitor drops files or changes a choice. */
export interface InputActions {
  explainFiles(files: File[]): void;
  /** Draws the current explanation again (another spectrum, class or overlay). */
  redraw(): void;
  drawFeatures(): void;
  /** Explains the spectra again (another band table or method). */
  explainAgain(): void;
  /** Loads the model again on the chosen device and explains. */
  reloadModel(): void;
  /** The allowance for spectra that stop short of the model's axis changed. */
  extendChanged(): void;
}

/** Wires the drop zone, the file inputs and the choices of the element's template. */
export function wireInputs(root: Root, state: AppState, actions: InputActions): void {
  const zone = byId(root, 'drop-zone');
  zone.addEventListener('dragover', (e) => {
    e.preventDefault();
    zone.classList.add('over');
  });
  zone.addEventListener('dragleave', () => zone.classList.remove('over'));
  zone.addEventListener('drop', (e) => {
    e.preventDefault();
    zone.classList.remove('over');
    if (e.dataTransfer) actions.explainFiles(Array.from(e.dataTransfer.files));
  });
  for (const id of ['model-input', 'spectra-input']) {
    const input = byId<HTMLInputElement>(root, id);
    input.addEventListener('change', () => {
      if (input.files && input.files.length > 0) {
        actions.explainFiles(Array.from(input.files));
        input.value = '';
      }
    });
  }
  byId<HTMLSelectElement>(root, 'spectrum-select').addEventListener('change', (e) => {
    state.spectrumIndex = Number((e.target as HTMLSelectElement).value);
    state.className = undefined;
    actions.redraw();
    actions.drawFeatures();
  });
  byId<HTMLSelectElement>(root, 'class-select').addEventListener('change', (e) => {
    state.className = (e.target as HTMLSelectElement).value;
    actions.redraw();
  });
  byId<HTMLSelectElement>(root, 'overlay-select').addEventListener('change', (e) => {
    state.overlay = (e.target as HTMLSelectElement).value as OverlayMode;
    actions.redraw();
  });
  byId<HTMLSelectElement>(root, 'bands-select').addEventListener('change', () => actions.explainAgain());
  byId<HTMLSelectElement>(root, 'method-select').addEventListener('change', () => actions.explainAgain());
  byId<HTMLSelectElement>(root, 'device-select').addEventListener('change', () => actions.reloadModel());
  byId<HTMLInputElement>(root, 'extend-input').addEventListener('change', () => actions.extendChanged());
}
