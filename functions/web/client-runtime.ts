/**
 * Browser helpers every page script starts with (plain ES2020, no framework): reading the
 * page data, calling the JSON API with the contract's error shape, building DOM nodes
 * without `innerHTML`, Beijing-time formatting and showing errors next to fields.
 *
 * Kept as source text: the pages inline it, so a page needs no further request.
 */
export const clientRuntime = String.raw`
'use strict';
const PAGE = JSON.parse(document.getElementById('page-data').textContent);
const M = PAGE.messages;

function fill(template, values) {
  return String(template).replace(/\{(\w+)\}/g, (all, key) => (key in values ? String(values[key]) : all));
}

async function api(method, path, body) {
  const init = { method, headers: { accept: 'application/json' }, cache: 'no-store', credentials: 'same-origin' };
  if (body !== undefined) {
    init.headers['content-type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(path, init);
  } catch (cause) {
    return { ok: false, status: 0, error: { code: 'NETWORK', message: M.network, details: [] } };
  }
  let data = null;
  try {
    data = await response.json();
  } catch (cause) {
    data = null;
  }
  if (response.ok) return { ok: true, status: response.status, data };
  const error = data && typeof data === 'object' && data.error ? data.error : {};
  return {
    ok: false,
    status: response.status,
    error: {
      code: typeof error.code === 'string' ? error.code : 'HTTP_' + response.status,
      message: typeof error.message === 'string' && error.message ? error.message : M.unexpected,
      details: Array.isArray(error.details) ? error.details : [],
    },
  };
}

function el(tag, attributes, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name === 'text') node.textContent = value;
    else if (name === 'on') for (const [type, listener] of Object.entries(value)) node.addEventListener(type, listener);
    else if (name in node && typeof value !== 'string') node[name] = value;
    else node.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    node.append(typeof child === 'string' ? document.createTextNode(child) : child);
  }
  return node;
}

function $(id) {
  return document.getElementById(id);
}

const beijing = (() => {
  try {
    return new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false });
  } catch (cause) {
    return null;
  }
})();

function formatTime(iso) {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return String(iso || '');
  if (!beijing) return date.toISOString();
  const part = Object.fromEntries(beijing.formatToParts(date).map((item) => [item.type, item.value]));
  return part.year + '-' + part.month + '-' + part.day + ' ' + (part.hour === '24' ? '00' : part.hour) + ':' + part.minute;
}

function notify(target, message, kind) {
  target.className = 'notice' + (kind ? ' ' + kind : '');
  target.textContent = message || '';
}

function clearErrors(form) {
  for (const node of form.querySelectorAll('[data-error-for]')) node.textContent = '';
  for (const node of form.querySelectorAll('[aria-invalid="true"]')) node.removeAttribute('aria-invalid');
}

function fieldError(form, path, message) {
  const slot = form.querySelector('[data-error-for="' + CSS.escape(path) + '"]');
  if (!slot) return false;
  slot.textContent = slot.textContent ? slot.textContent + ' ' + message : message;
  const control = slot.dataset.control ? document.getElementById(slot.dataset.control) : null;
  if (control) control.setAttribute('aria-invalid', 'true');
  return true;
}

function showErrors(form, summary, error, pathOf) {
  clearErrors(form);
  const unplaced = [];
  for (const detail of error.details || []) {
    const message = detail && typeof detail.message === 'string' ? detail.message : '';
    const path = detail && typeof detail.path === 'string' ? pathOf(detail.path) : '';
    if (!message) continue;
    if (!path || !fieldError(form, path, message)) unplaced.push(message);
  }
  notify(summary, unplaced.length ? error.message + '：' + unplaced.join('；') : error.message, 'error');
  const first = form.querySelector('[aria-invalid="true"]');
  (first || summary).focus();
}
`;
