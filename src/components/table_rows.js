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

function cell(c) {
  switch (c.t) {
    case "link":
      return element("a", { href: c.href, class: "job-link" }, c.text);
    case "badge":
      return element("span", { class: "badge cat-" + c.category, "data-category": c.category, title: c.label }, c.text);
    case "time":
      // data-relative names what follows the clock: the text, or the title (an absolute time
      // shows its relative form on hover).
      return element("time", { datetime: c.datetime, title: c.title, "data-relative": c.relative }, c.text);
    case "progress": {
      const span = element("span", { class: "progress" });
      span.appendChild(element("progress", { max: "100", value: String(c.value) }));
      const text = document.createTextNode(c.text);
      span.appendChild(text);
      span.jobdeck.text = c.text;
      return span;
    }
    case "text":
      return element("span", { class: "cell-text" }, c.text);
    default:
      return null;
  }
}

// Makes the rows of `tbody` those of `json` ({cols, rows: [{id, state, cells}]}). Rows already
// there are updated in place rather than replaced: on a page change most of the work of a new
// row is the browser creating and, for the old one, tearing down its nodes.
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
      update_row(existing[r], row);
    } else {
      added.appendChild(new_row(row, data.cols));
    }
  });
  while (existing.length > data.rows.length) {
    existing[existing.length - 1].remove();
  }
  tbody.appendChild(added);
}

function new_row(row, cols) {
  const tr = element("tr", { "data-job-id": row.id, "data-state": row.state });
  // Each cell's content element and kind, so an update needs no DOM lookups to find them.
  tr.jobdeckCells = row.cells.map((c, i) => {
    const td = element("td", { "data-col": cols[i] });
    const content = cell(c);
    if (content) {
      td.appendChild(content);
    }
    tr.appendChild(td);
    return { td, kind: c.t, content };
  });
  return tr;
}

function update_row(tr, row) {
  if (tr.jobdeck["data-job-id"] !== row.id) {
    set_attr(tr, "data-job-id", row.id);
    // The keyboard selection belonged to the job that was here.
    if (tr.hasAttribute("data-selected")) {
      tr.removeAttribute("data-selected");
    }
  }
  set_attr(tr, "data-state", row.state);
  const cells = tr.jobdeckCells;
  for (let i = 0; i < row.cells.length; i++) {
    const c = row.cells[i];
    const slot = cells[i];
    if (slot.kind === c.t && slot.content) {
      update_cell(slot.content, c);
    } else {
      slot.content = cell(c);
      slot.kind = c.t;
      if (slot.content) {
        slot.td.replaceChildren(slot.content);
      } else {
        slot.td.replaceChildren();
      }
    }
  }
}

// The same content as `cell(c)` makes, brought about in an element `cell` made for the same kind.
function update_cell(el, c) {
  switch (c.t) {
    case "link":
      set_attr(el, "href", c.href);
      break;
    case "badge":
      set_attr(el, "class", "badge cat-" + c.category);
      set_attr(el, "data-category", c.category);
      set_attr(el, "title", c.label);
      break;
    case "time":
      set_attr(el, "datetime", c.datetime);
      set_attr(el, "title", c.title);
      set_attr(el, "data-relative", c.relative);
      break;
    case "progress": {
      set_attr(el.firstChild, "value", String(c.value));
      const last = el.jobdeck;
      if (last.text !== c.text) {
        el.lastChild.data = c.text;
        last.text = c.text;
      }
      return;
    }
  }
  set_text(el, c.text);
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
