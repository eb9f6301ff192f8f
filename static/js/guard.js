/*
 * Ask before leaving a form with unsaved changes. No dependencies.
 *
 * Markup: <form data-guard-unsaved> (or data-guard-unsaved="dirty" when the page shows a POST that was not
 * saved, so what is on it is not saved either). The form's fields are compared with how they were when the
 * page loaded; added or removed formset rows count as changes. Leaving by any way (a header link, the back
 * button, closing the tab) then makes the browser ask; submitting the form does not.
 */
(function () {
  "use strict";

  function snapshot(form) {
    var parts = [];
    Array.prototype.forEach.call(form.elements, function (field) {
      if (!field.name || field.type === "submit" || field.type === "button") {
        return;
      }
      if ((field.type === "checkbox" || field.type === "radio") && !field.checked) {
        return;
      }
      if (field.tagName === "SELECT" && field.multiple) {
        Array.prototype.forEach.call(field.selectedOptions, function (option) {
          parts.push(field.name + "=" + option.value);
        });
        return;
      }
      parts.push(field.name + "=" + field.value);
    });
    return parts.join("&");
  }

  var guarded = [];
  document.querySelectorAll("form[data-guard-unsaved]").forEach(function (form) {
    var state = { form: form, initial: snapshot(form), dirty: form.dataset.guardUnsaved === "dirty", submitting: false };
    form.addEventListener("submit", function (event) {
      // Another handler may still cancel the submit (a second click); only a submit that goes ahead disarms.
      setTimeout(function () {
        state.submitting = !event.defaultPrevented;
      }, 0);
      state.submitting = true;
    });
    guarded.push(state);
  });

  function hasUnsavedChanges() {
    return guarded.some(function (state) {
      return !state.submitting && (state.dirty || snapshot(state.form) !== state.initial);
    });
  }

  window.addEventListener("beforeunload", function (event) {
    if (hasUnsavedChanges()) {
      event.preventDefault();
      event.returnValue = "";  // older browsers need a value to show their question
      return "";
    }
  });
})();
