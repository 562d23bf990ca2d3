/**
 * Steps that bring a screen into a state only reached by acting on it (a form sent, a
 * field left): what a member would do, played on the real DOM.
 */

async function find<T extends Element>(selector: string): Promise<T> {
  const deadline = Date.now() + 5000;
  for (;;) {
    const element = document.querySelector<T>(selector);
    if (element) return element;
    if (Date.now() > deadline) throw new Error(`[dev/screens] ${selector} never appeared`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Types `value` into the field `#id` (React sees an input event). */
export async function fill(id: string, value: string): Promise<void> {
  const input = await find<HTMLInputElement>(`#${CSS.escape(id)}`);
  const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "value")?.set;
  setter?.call(input, value);
  input.dispatchEvent(new Event("input", { bubbles: true }));
}

export async function leave(id: string): Promise<void> {
  const input = await find<HTMLInputElement>(`#${CSS.escape(id)}`);
  input.focus();
  input.blur();
}

export async function choose(id: string, index: number): Promise<void> {
  const select = await find<HTMLSelectElement>(`#${CSS.escape(id)}`);
  select.selectedIndex = index;
  select.dispatchEvent(new Event("change", { bubbles: true }));
}

/** Presses the button whose text is `text`. */
export async function press(text: string): Promise<void> {
  const deadline = Date.now() + 5000;
  for (;;) {
    const button = [...document.querySelectorAll<HTMLButtonElement>("main button")].find(
      (b) => b.textContent?.trim() === text,
    );
    if (button) return button.click();
    if (Date.now() > deadline) throw new Error(`[dev/screens] no button "${text}"`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));
