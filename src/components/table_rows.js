// The job table's rows, built in one call from the row data the Rust side prepared
// (src/components/table_rows.rs says why). Every vendor string goes in as textContent or an
// attribute value, never through an HTML parser, so it is inert text whatever it holds.
//
// A page change mostly rewrites rows already there. Each element remembers, in a plain JS
// property (`jobdeck`), the values this file last gave it, so a write whose value is unchanged
// (the same state's badge, the same column's `data-relative`) is skipped without reading the
// DOM back: reading and writing DOM attributes is where this file's time goes.

function set_attr(el, name, value) {
  const last = el.jobdeck || (el.jobdeck = {});
  if (last[name] !== value) {
    el.setAttribute(name, value);
    last[name] = value;
  }
}

function set_text(el, text) {
  const last = el.jobdeck || (el.jobdeck = {});
  if (last.text !== text) {
    // One text node, changed in place: cheaper than textContent's remove-and-insert.
    const node = el.firstChild;
    if (node && node.nodeType === Node.TEXT_NODE && node.nextSibling === null) {
      node.data = text;
    } else {
      el.textContent = text;
    }
    last.text = text;
  }
}

function element(tag, attributes, text) {
  const el = document.createElement(tag);
  const last = (el.jobdeck = {});
  for (const name in attributes) {
    el.setAttribute(name, attributes[name]);
    last[name] = attributes[name];
  }
  if (text !== undefined) {
    el.textContent = text;
    last.text = text;
  }
  return el;
}

// The rows' JSON (table_rows.rs, `Body`): {cols, relative, href_prefix, href_suffix, rows}, each
// row `[id, state, cells]`, each cell an array whose first element is its kind, or null:
//   ["a", encoded id]              the detail link; its text is the row's id
//   ["b", category, label]         the state badge; its text is the row's state
//   ["t", datetime, title, text]   a time; `relative` says whether its text or title is relative
//   ["p", value, text]             a progress bar
//   ["x", text]                    text

function kind(c) {
  return c === null ? "" : c[0];
}

// What a cell shows, in one place for making and for updating it.
function link_href(body, c) {
  return body.href_prefix + c[1] + body.href_suffix;
}

function cell(body, row, c) {
  switch (kind(c)) {
    case "a":
      return element("a", { href: link_href(body, c), class: "job-link" }, row[0]);
    case "b":
      return element("span", { class: "badge cat-" + c[1], "data-category": c[1], title: c[2] }, row[1]);
    case "t":
      // data-relative names what follows the clock: the text, or the title (an absolute time
      // shows its relative form on hover).
      return element("time", { datetime: c[1], title: c[2], "data-relative": body.relative }, c[3]);
    case "p": {
      const span = element("span", { class: "progress" });
      span.appendChild(element("progress", { max: "100", value: String(c[1]) }));
      span.appendChild(document.createTextNode(c[2]));
      span.jobdeck.text = c[2];
      return span;
    }
    case "x":
      return element("span", { class: "cell-text" }, c[1]);
    default:
      return null;
  }
}

// Makes the rows of `tbody` those of `json` (above). Rows already there are updated in place
// rather than replaced: on a page change most of the work of a new row is the browser creating
// and, for the old one, tearing down its nodes.
export function render_rows(tbody, json) {
  const data = JSON.parse(json);
  const cols = data.cols.join(" ");
  if (tbody.jobdeckCols !== cols) {
    // Other columns: nothing to update in place.
    tbody.replaceChildren();
    tbody.jobdeckCols = cols;
  }
  const existing = tbody.rows;
  const have = existing.length;
  const added = document.createDocumentFragment();
  data.rows.forEach((row, r) => {
    if (r < have) {
      update_row(data, existing[r], row);
    } else {
      added.appendChild(new_row(data, row));
    }
  });
  while (existing.length > data.rows.length) {
    existing[existing.length - 1].remove();
  }
  tbody.appendChild(added);
}

function new_row(body, row) {
  const tr = element("tr", { "data-job-id": row[0], "data-state": row[1] });
  // Each cell's content element and kind, so an update needs no DOM lookups to find them.
  tr.jobdeckCells = row[2].map((c, i) => {
    const td = element("td", { "data-col": body.cols[i] });
    const content = cell(body, row, c);
    if (content) {
      td.appendChild(content);
    }
    tr.appendChild(td);
    return { td, kind: kind(c), content };
  });
  return tr;
}

function update_row(body, tr, row) {
  if (tr.jobdeck["data-job-id"] !== row[0]) {
    set_attr(tr, "data-job-id", row[0]);
    // The keyboard selection belonged to the job that was here.
    if (tr.hasAttribute("data-selected")) {
      tr.removeAttribute("data-selected");
    }
  }
  set_attr(tr, "data-state", row[1]);
  const cells = tr.jobdeckCells;
  const values = row[2];
  for (let i = 0; i < values.length; i++) {
    const c = values[i];
    const slot = cells[i];
    if (slot.kind === kind(c) && slot.content) {
      update_cell(body, row, slot.content, c);
    } else {
      slot.content = cell(body, row, c);
      slot.kind = kind(c);
      if (slot.content) {
        slot.td.replaceChildren(slot.content);
      } else {
        slot.td.replaceChildren();
      }
    }
  }
}

// The same content as `cell` makes, brought about in an element `cell` made for the same kind.
function update_cell(body, row, el, c) {
  switch (kind(c)) {
    case "a":
      set_attr(el, "href", link_href(body, c));
      set_text(el, row[0]);
      return;
    case "b":
      set_attr(el, "class", "badge cat-" + c[1]);
      set_attr(el, "data-category", c[1]);
      set_attr(el, "title", c[2]);
      set_text(el, row[1]);
      return;
    case "t":
      set_attr(el, "datetime", c[1]);
      set_attr(el, "title", c[2]);
      set_attr(el, "data-relative", body.relative);
      set_text(el, c[3]);
      return;
    case "p": {
      set_attr(el.firstChild, "value", String(c[1]));
      const last = el.jobdeck;
      if (last.text !== c[2]) {
        el.lastChild.data = c[2];
        last.text = c[2];
      }
      return;
    }
    case "x":
      set_text(el, c[1]);
      return;
  }
}

// New texts for the relative times of `tbody`, in document order (a JSON list of strings).
export function set_relative_times(tbody, json) {
  const texts = JSON.parse(json);
  const times = tbody.querySelectorAll("time[data-relative]");
  const n = Math.min(times.length, texts.length);
  for (let i = 0; i < n; i++) {
    const time = times[i];
    if (time.jobdeck && time.jobdeck["data-relative"] === "title") {
      set_attr(time, "title", texts[i]);
    } else {
      set_text(time, texts[i]);
    }
  }
}
