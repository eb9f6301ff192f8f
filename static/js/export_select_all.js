// The back office's export page: "Select all" ticks or clears every field box (django-import-export's own
// handler, bound here because the Content-Security-Policy blocks its inline onchange attribute).
document.addEventListener("DOMContentLoaded", () => {
  for (const toggle of document.querySelectorAll("input.select-toggle")) {
    toggle.addEventListener("change", (event) => onSelectToggleChange(event));
  }
});
