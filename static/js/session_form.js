// A second click while the first save is on its way does nothing; the server's one-time token is the real guard.
document.getElementById("session-form").addEventListener("submit", function (event) {
  var button = event.target.querySelector("button[type=submit]");
  if (button.disabled) { event.preventDefault(); return; }
  setTimeout(function () { button.disabled = true; button.textContent = button.dataset.savingLabel; }, 0);
});
