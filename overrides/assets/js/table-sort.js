/*
 * Sortable tables: progressive enhancement of every <table data-sortable>.
 *
 * Without JavaScript the table is complete, in its original order. With it, each column
 * header holds a button; pressing it sorts the rows by that column (ascending first, then
 * toggling) and moves aria-sort to that header, which screen readers announce and the CSS
 * shows as an arrow. A cell's data-sort-value, when present, is what is compared; a header
 * with data-sort-type="number" compares numerically, any other compares text in the page's
 * language.
 */
(function () {
  "use strict";

  // The value a cell sorts by: its data-sort-value, or its visible text.
  function sortKey(cell, numeric) {
    var raw = cell.hasAttribute("data-sort-value") ? cell.getAttribute("data-sort-value") : cell.textContent.trim();
    return numeric ? parseFloat(raw) : raw;
  }

  // Reorder the body rows by one column; rows with equal keys keep their order.
  function sortRows(table, column, direction) {
    var numeric = table.tHead.rows[0].cells[column].getAttribute("data-sort-type") === "number";
    var collator = new Intl.Collator(document.documentElement.lang || undefined, { sensitivity: "base" });
    var body = table.tBodies[0];
    var rows = Array.prototype.map.call(body.rows, function (row, index) {
      return { row: row, index: index, key: sortKey(row.cells[column], numeric) };
    });
    var sign = direction === "ascending" ? 1 : -1;
    rows.sort(function (a, b) {
      var order = numeric ? a.key - b.key : collator.compare(a.key, b.key);
      return order !== 0 ? sign * order : a.index - b.index;
    });
    rows.forEach(function (entry) { body.appendChild(entry.row); });
  }

  // Mark one header as the sorted column and clear the others.
  function markSorted(table, column, direction) {
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (cell, index) {
      if (index === column) cell.setAttribute("aria-sort", direction);
      else cell.removeAttribute("aria-sort");
    });
  }

  // Move each header's content into a button that sorts by that column.
  function enhance(table) {
    if (!table.tHead || !table.tBodies.length) return;
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (cell, column) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "table-sort__button";
      while (cell.firstChild) button.appendChild(cell.firstChild);
      var icon = document.createElement("span");
      icon.className = "table-sort__icon";
      icon.setAttribute("aria-hidden", "true");
      button.appendChild(icon);
      cell.appendChild(button);
      button.addEventListener("click", function () {
        var direction = cell.getAttribute("aria-sort") === "ascending" ? "descending" : "ascending";
        sortRows(table, column, direction);
        markSorted(table, column, direction);
      });
    });
    table.classList.add("table-sort--ready");
  }

  Array.prototype.forEach.call(document.querySelectorAll("table[data-sortable]"), enhance);
})();
