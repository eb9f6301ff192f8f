/*
 * Add and remove rows of a Django inline formset without a page reload. No dependencies.
 *
 * Markup:
 *   <div data-formset="PREFIX">
 *     {{ formset.management_form }}
 *     <div data-formset-body> ...rows, each <div data-formset-form> with its DELETE checkbox... </div>
 *     <template data-formset-empty> ...formset.empty_form, a <div data-formset-form>... </template>
 *     <button type="button" data-formset-add>Add</button>
 *   </div>
 * A button [data-formset-remove] inside a row ticks the row's DELETE box and hides the row, so the
 * server decides what is deleted; in its place a line says so with a "Restore" button that brings the row
 * back (until the page is saved). The line's words come from data-formset-removed-text and
 * data-formset-restore-text on an enclosing element (the <form>).
 *
 * Formsets of the same kind (every objective's actions) may share one empty row instead: the container names it
 * with data-formset-template="ID" (a <template id="ID"> elsewhere on the page, outside the other formsets), and
 * "__formset__" in it stands for the container's prefix.
 *
 * A formset nested in a row of another one (an objective's actions) keeps "__prefix__" for its own rows:
 * the outer one names its placeholder with data-formset-placeholder (e.g. "__objective__").
 */
(function () {
  "use strict";

  // Keyboard users continue in the row's first field they can see: not the hidden DELETE box some rows start with.
  function focusFirstField(row) {
    var fields = row ? row.querySelectorAll("input:not([type=hidden]), select, textarea") : [];
    var first = Array.prototype.find.call(fields, function (field) {
      return !field.disabled && field.getClientRects().length > 0;
    });
    if (first) {
      first.focus();
    }
  }

  function addRow(container) {
    var prefix = container.dataset.formset;
    var total = container.querySelector("input[name='" + prefix + "-TOTAL_FORMS']");
    var max = container.querySelector("input[name='" + prefix + "-MAX_NUM_FORMS']");
    var index = parseInt(total.value, 10);
    if (max && max.value && index >= parseInt(max.value, 10)) {
      return;
    }
    // Its own empty row, or one the page shares between formsets of the same kind (data-formset-template names
    // it), whose "__formset__" stands for the formset's prefix.
    var template =
      container.querySelector("template[data-formset-empty]") ||
      document.getElementById(container.dataset.formsetTemplate);
    var placeholder = container.dataset.formsetPlaceholder || "__prefix__";
    var html = template.innerHTML.split("__formset__").join(prefix).split(placeholder).join(String(index));
    var body = container.querySelector("[data-formset-body]");
    body.insertAdjacentHTML("beforeend", html);
    total.value = String(index + 1);
    var rows = body.querySelectorAll("[data-formset-form]");
    var row = rows[rows.length - 1];
    focusFirstField(row);
    container.dispatchEvent(new CustomEvent("formset:added", { bubbles: true, detail: { row: row } }));
  }

  function words(row) {
    var source = row.closest("[data-formset-removed-text]");
    return {
      removed: source ? source.dataset.formsetRemovedText : "Removed: it will be deleted when you save.",
      restore: source ? source.dataset.formsetRestoreText : "Restore",
    };
  }

  function showRemovedNotice(row) {
    var next = row.nextElementSibling;
    if (next && next.hasAttribute("data-formset-removed")) {
      return next;
    }
    var text = words(row);
    var notice = document.createElement("div");
    notice.setAttribute("data-formset-removed", "");
    notice.setAttribute("role", "status");
    notice.className = "formset-removed alert alert-secondary d-flex flex-wrap align-items-center gap-2 py-2 px-3 small";
    var label = document.createElement("span");
    label.textContent = text.removed;
    var button = document.createElement("button");
    button.type = "button";
    button.className = "btn btn-sm btn-outline-primary";
    button.setAttribute("data-formset-restore", "");
    button.textContent = text.restore;
    notice.appendChild(label);
    notice.appendChild(button);
    row.insertAdjacentElement("afterend", notice);
    return notice;
  }

  function removeRow(button) {
    var row = button.closest("[data-formset-form]");
    var box = row.querySelector("input[type=checkbox][name$='-DELETE']");
    if (box) {
      box.checked = true;
    }
    row.hidden = true;
    showRemovedNotice(row).querySelector("[data-formset-restore]").focus();
  }

  function restoreRow(button) {
    var notice = button.closest("[data-formset-removed]");
    var row = notice.previousElementSibling;
    var box = row.querySelector("input[type=checkbox][name$='-DELETE']");
    if (box) {
      box.checked = false;
    }
    row.hidden = false;
    notice.remove();
    focusFirstField(row);
  }

  // Rows removed before a save that came back with errors are still removed: offer to restore them too.
  document.querySelectorAll("[data-formset-form][hidden]").forEach(function (row) {
    var box = row.querySelector("input[type=checkbox][name$='-DELETE']");
    if (box && box.checked) {
      showRemovedNotice(row);
    }
  });

  document.addEventListener("click", function (event) {
    var add = event.target.closest("[data-formset-add]");
    if (add) {
      event.preventDefault();
      addRow(add.closest("[data-formset]"));
      return;
    }
    var remove = event.target.closest("[data-formset-remove]");
    if (remove) {
      event.preventDefault();
      removeRow(remove);
      return;
    }
    var restore = event.target.closest("[data-formset-restore]");
    if (restore) {
      event.preventDefault();
      restoreRow(restore);
    }
  });
})();
