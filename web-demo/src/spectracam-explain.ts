/**
 * The embeddable element, built as `dist/spectracam-explain.js` (a fixed name, see
 * vite.config.ts): `<script type="module" src=".../spectracam-explain.js"></script>` defines
 * `<spectracam-explain>` on any page (README.md).
 */
import { SpectracamExplainElement } from './element/spectracamExplainElement.js';

export { SpectracamExplainElement };
export type { ExplainedDetail } from './element/spectracamExplainElement.js';

if (!customElements.get('spectracam-explain')) customElements.define('spectracam-explain', SpectracamExplainElement);

declare global {
  interface HTMLElementTagNameMap {
    'spectracam-explain': SpectracamExplainElement;
  }
}
