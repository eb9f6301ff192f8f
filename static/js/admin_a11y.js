// Accessible names the Django admin and its libraries leave out (axe, WCAG 2.1 A/AA). Loaded on every admin page.
(function () {
  "use strict";

  // The words of a label (an element or a text node) without the admin's trailing colon.
  function labelText(label) {
    return label ? label.textContent.replace(/:\s*$/, "").trim() : "";
  }

  function fieldLabelText(field) {
    return labelText(field.id && document.querySelector('label[for="' + field.id + '"]'));
  }

  function name(root) {
    // Autocomplete fields: select2's combobox takes the name of the select it stands for.
    root.querySelectorAll(".select2-selection[role=combobox]").forEach(function (box) {
      var container = box.closest(".select2-container");
      var select = container && container.previousElementSibling;
      var text = select && fieldLabelText(select);
      if (!text) return;
      box.setAttribute("aria-label", text);
      var shown = box.querySelector("[role=textbox]");
      if (shown) shown.setAttribute("aria-label", text);
    });
    // import-export's "Select all" checkbox: its label points at an id the checkbox does not have.
    root.querySelectorAll("input.select-toggle:not([aria-label])").forEach(function (box) {
      var label = box.parentElement && box.parentElement.querySelector("label");
      if (label) box.setAttribute("aria-label", label.textContent.trim());
    });
    // Tabular inlines show a column header instead of a label: each cell's control takes its column's name.
    root.querySelectorAll(".tabular table").forEach(function (table) {
      table.querySelectorAll("tbody td").forEach(function (cell) {
        var field = Array.prototype.find.call(cell.classList, function (c) { return c.indexOf("field-") === 0; });
        var header = field ? table.querySelector("thead th.column-" + field.slice(6))
                           : cell.classList.contains("delete") && table.querySelector("thead th:last-child");
        var text = header && header.textContent.trim();
        if (!text) return;
        cell.querySelectorAll("input:not([type=hidden]), select, textarea").forEach(function (control) {
          if (!control.hasAttribute("aria-label") && !fieldLabelText(control)) control.setAttribute("aria-label", text);
        });
      });
    });
    // Split date and time fields: "Date:" and "Time:" are plain text before each input.
    root.querySelectorAll("p.datetime input").forEach(function (control) {
      if (control.hasAttribute("aria-label") || fieldLabelText(control)) return;
      var row = control.closest(".form-row, .fieldBox");
      var label = row && row.querySelector("label");
      var part = control.previousSibling;
      while (part && part.nodeType !== Node.TEXT_NODE) part = part.previousSibling;
      control.setAttribute("aria-label", [labelText(label), labelText(part)].filter(Boolean).join(", "));
    });
    // The two-list permission picker's help icons carry aria-label on a plain span: give them a role.
    root.querySelectorAll("span.help-tooltip[aria-label]:not([role])").forEach(function (icon) {
      icon.setAttribute("role", "img");
    });
  }

  window.addEventListener("load", function () {
    name(document);
    new MutationObserver(function () { name(document); }).observe(document.body, {childList: true, subtree: true});
  });
})();
