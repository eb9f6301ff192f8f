/* A button [data-print] opens the browser's print dialog (no inline handlers: the pages run under a CSP). */
document.addEventListener("click", function (event) {
  "use strict";
  if (event.target.closest("[data-print]")) {
    event.preventDefault();
    window.print();
  }
});
