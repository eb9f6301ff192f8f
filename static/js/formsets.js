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
 * server decides what is deleted and a mistaken click is undone by reloading the page.
 */
(function () {
  "use strict";

  function addRow(container) {
    var prefix = container.dataset.formset;
    var total = container.querySelector("input[name='" + prefix + "-TOTAL_FORMS']");
    var max = container.querySelector("input[name='" + prefix + "-MAX_NUM_FORMS']");
    var index = parseInt(total.value, 10);
    if (max && max.value && index >= parseInt(max.value, 10)) {
      return;
    }
    var template = container.querySelector("template[data-formset-empty]");
    var html = template.innerHTML.replace(/__prefix__/g, String(index));
    var body = container.querySelector("[data-formset-body]");
    body.insertAdjacentHTML("beforeend", html);
    total.value = String(index + 1);
    var rows = body.querySelectorAll("[data-formset-form]");
    var row = rows[rows.length - 1];
    var first = row && row.querySelector("input:not([type=hidden]), select, textarea");
    if (first) {
      first.focus();
    }
    container.dispatchEvent(new CustomEvent("formset:added", { bubbles: true, detail: { row: row } }));
  }

  function removeRow(button) {
    var row = button.closest("[data-formset-form]");
    var box = row.querySelector("input[type=checkbox][name$='-DELETE']");
    if (box) {
      box.checked = true;
    }
    row.hidden = true;
  }

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
    }
  });
})();
