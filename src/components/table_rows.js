// The job table's rows, built in one call from the row data the Rust side prepared
// (src/components/table.rs says why). Every vendor string goes in as textContent or an
// attribute value, never through an HTML parser, so it is inert text whatever it holds.

function element(tag, attributes, text) {
  const el = document.createElement(tag);
  for (const name in attributes) {
    el.setAttribute(name, attributes[name]);
  }
  if (text !== undefined) {
    el.textContent = text;
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
      span.appendChild(document.createTextNode(c.text));
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
  const added = document.createDocumentFragment();
  data.rows.forEach((row, r) => {
    const tr = existing[r];
    if (tr) {
      update_row(tr, row);
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
  row.cells.forEach((c, i) => {
    const td = element("td", { "data-col": cols[i] });
    const content = cell(c);
    if (content) {
      td.appendChild(content);
    }
    td.jobdeckCell = c.t;
    tr.appendChild(td);
  });
  return tr;
}

function update_row(tr, row) {
  if (tr.getAttribute("data-job-id") !== row.id) {
    tr.setAttribute("data-job-id", row.id);
    // The keyboard selection belonged to the job that was here.
    if (tr.hasAttribute("data-selected")) {
      tr.removeAttribute("data-selected");
    }
  }
  tr.setAttribute("data-state", row.state);
  const cells = tr.cells;
  for (let i = 0; i < row.cells.length; i++) {
    const c = row.cells[i];
    const td = cells[i];
    if (td.jobdeckCell === c.t && td.firstElementChild) {
      update_cell(td.firstElementChild, c);
    } else {
      const content = cell(c);
      if (content) {
        td.replaceChildren(content);
      } else {
        td.replaceChildren();
      }
      td.jobdeckCell = c.t;
    }
  }
}

// The same content as `cell(c)` makes, brought about in an element `cell` made for the same
// kind. Attributes are set without comparing first: on a page change nearly all of them differ.
function update_cell(el, c) {
  switch (c.t) {
    case "link":
      el.setAttribute("href", c.href);
      break;
    case "badge":
      el.className = "badge cat-" + c.category;
      el.setAttribute("data-category", c.category);
      el.title = c.label;
      break;
    case "time":
      el.setAttribute("datetime", c.datetime);
      el.title = c.title;
      el.setAttribute("data-relative", c.relative);
      break;
    case "progress":
      el.firstElementChild.setAttribute("value", String(c.value));
      set_text(el.lastChild, c.text);
      return;
  }
  set_text(el, c.text);
}

// Changes the text of an element holding one text node by changing that node, not replacing it.
function set_text(el, text) {
  const node = el.nodeType === Node.TEXT_NODE ? el : el.firstChild;
  if (node && node.nodeType === Node.TEXT_NODE && node.nextSibling === null) {
    if (node.data !== text) {
      node.data = text;
    }
  } else {
    el.textContent = text;
  }
}

// New texts for the relative times of `tbody`, in document order (a JSON list of strings).
export function set_relative_times(tbody, json) {
  const texts = JSON.parse(json);
  const times = tbody.querySelectorAll("time[data-relative]");
  const n = Math.min(times.length, texts.length);
  for (let i = 0; i < n; i++) {
    const time = times[i];
    if (time.dataset.relative === "title") {
      if (time.title !== texts[i]) {
        time.title = texts[i];
      }
    } else if (time.textContent !== texts[i]) {
      time.textContent = texts[i];
    }
  }
}
