/*
 * A second click on a form's save button while the first save is on its way does nothing; the server's
 * one-time token is the real guard. Markup: <form data-submit-once>, its button with data-saving-label.
 */
(function () {
  "use strict";
  document.querySelectorAll("form[data-submit-once]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      var button = event.submitter || form.querySelector("button[type=submit]");
      if (form.dataset.submitting) {
        event.preventDefault();
        return;
      }
      form.dataset.submitting = "1";
      setTimeout(function () {
        if (button && button.dataset.savingLabel) {
          button.disabled = true;
          button.textContent = button.dataset.savingLabel;
        }
      }, 0);
    });
  });
})();
