// Small DOM helpers of the console's browser code. Nodes are built with textContent, never
// innerHTML, so case data stays text.
import type { ConsoleConfig } from './config.js';

/**
 * The element with this id. The markup is rendered with the script (staff-console.ts), so an id
 * the script names exists; the type parameter says which kind of element it is.
 */
export function $<T extends HTMLElement = HTMLElement>(id: string): T {
  return document.getElementById(id) as T;
}

export const config = JSON.parse($('console-config').textContent ?? 'null') as ConsoleConfig;

/** A table body of the page. */
export function tbody(tableId: string): HTMLTableSectionElement {
  return $(tableId).querySelector('tbody')!;
}

export function el(tag: string, attrs?: Record<string, string>, children?: (string | Node)[]): HTMLElement {
  const node = document.createElement(tag);
  Object.keys(attrs || {}).forEach((k) => node.setAttribute(k, attrs![k]!));
  (children || []).forEach((c) => node.appendChild(typeof c === 'string' ? document.createTextNode(c) : c));
  return node;
}

export function wait(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
