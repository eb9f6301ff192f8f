/*
 * The plan editor: after a save the page opens where the person was, and an error is brought into view.
 *
 * Every part of the page a person can be working in carries data-anchor and an id (the plan header,
 * objective-<id>, action-<id>, indicator-<id>, objective-new<row> for a new objective). The last one a
 * field was focused in goes with the save as "return_to"; the server redirects to it (#objective-12).
 */
(function () {
  "use strict";
  var form = document.querySelector("form.plan-editor");
  if (!form) {
    return;
  }
  var returnTo = form.querySelector("[data-return-to]");
  function remember(element) {
    var part = element && element.closest && element.closest("[data-anchor][id]");
    if (part && returnTo) {
      returnTo.value = part.id;
    }
  }
  form.addEventListener("focusin", function (event) {
    remember(event.target);
  });
  form.addEventListener("formset:added", function (event) {
    remember(event.detail && event.detail.row);
  });

  // On a long page, bring the first field with an error into view (not for a conflict: its alert is on top).
  var field = form.querySelector(".is-invalid, .alert-danger");
  if (field && !document.getElementById("conflict")) {
    field.scrollIntoView({ block: "center" });
  } else if (location.hash) {
    // Back from a save: open at the part the person was in (the browser may restore the old scroll instead).
    var part = document.getElementById(location.hash.slice(1));
    if (part && part.hasAttribute("data-anchor")) {
      window.addEventListener("load", function () {
        part.scrollIntoView({ block: "start" });
      });
    }
  }
})();
