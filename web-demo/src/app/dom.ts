/** The page's elements by id, typed; a missing id is a bug in index.html. */
export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (!el) throw new Error(`index.html has no element #${id}`);
  return el as T;
}

export function showMessage(text: string, kind: 'error' | 'ok' | 'info' = 'info'): void {
  const el = byId('message');
  el.textContent = text;
  el.className = kind;
}

export function setStatus(text: string): void {
  byId('status').textContent = text;
}

export function fillSelect(select: HTMLSelectElement, options: { value: string; label: string }[], selected?: string): void {
  select.replaceChildren(...options.map((o) => new Option(o.label, o.value, false, o.value === selected)));
}
