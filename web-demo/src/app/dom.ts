/** Where the element's content lives (its shadow root); ids are looked up there. */
export type Root = DocumentFragment | Document;

/** The element's parts by id, typed; a missing id is a bug in element/template.ts. */
export function byId<T extends HTMLElement = HTMLElement>(root: Root, id: string): T {
  const el = root.getElementById(id);
  if (!el) throw new Error(`the spectracam-explain template has no element #${id}`);
  return el as T;
}

export function showMessage(root: Root, text: string, kind: 'error' | 'ok' | 'info' = 'info'): void {
  const el = byId(root, 'message');
  el.textContent = text;
  el.className = kind;
}

export function setStatus(root: Root, text: string): void {
  byId(root, 'status').textContent = text;
}

export function fillSelect(select: HTMLSelectElement, options: { value: string; label: string }[], selected?: string): void {
  select.replaceChildren(...options.map((o) => new Option(o.label, o.value, false, o.value === selected)));
}

/** Offers these choices in a select; the current one stays where it is still offered, else `fallback`. */
export function offerChoices(select: HTMLSelectElement, values: readonly string[], fallback: string): void {
  const current = select.value;
  fillSelect(select, values.map((v) => ({ value: v, label: v })), values.includes(current) ? current : fallback);
}
