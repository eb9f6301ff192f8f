// On a long page, bring the first field with an error into view.
(function () {
  var field = document.querySelector(".plan-editor .is-invalid, .plan-editor .alert-danger");
  if (field && !document.getElementById("conflict")) { field.scrollIntoView({ block: "center" }); }
})();
