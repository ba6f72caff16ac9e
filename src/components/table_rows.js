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

// Replaces the rows of `tbody` with the rows of `json` ({cols, rows: [{id, state, cells}]}).
export function render_rows(tbody, json) {
  const data = JSON.parse(json);
  const rows = document.createDocumentFragment();
  for (const row of data.rows) {
    const tr = element("tr", { "data-job-id": row.id, "data-state": row.state });
    row.cells.forEach((c, i) => {
      const td = element("td", { "data-col": data.cols[i] });
      const content = cell(c);
      if (content) {
        td.appendChild(content);
      }
      tr.appendChild(td);
    });
    rows.appendChild(tr);
  }
  tbody.replaceChildren(rows);
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
