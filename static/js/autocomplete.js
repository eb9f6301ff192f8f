/*
 * Pickers for long lists (organizations, trainings): core.widgets.AutocompleteSelect renders a <select> holding
 * only the chosen option, with data-autocomplete-url. This script puts a search box before it; typing (or Enter)
 * asks the URL for up to 20 matches ({"results": [{"id", "text"}]}) and puts them in the select, where the choice
 * is made as in any select (keyboard: type in the box, Down arrow or Tab to the select, arrows to choose).
 * A status line that screen readers announce says how many matches there are. No dependencies.
 */
(function () {
  "use strict";

  function labelOf(select) {
    if (select.id) {
      var label = document.querySelector("label[for='" + select.id + "']");
      if (label) {
        return label.textContent.replace(/\*/g, "").trim();
      }
    }
    return select.getAttribute("aria-label") || "";
  }

  function fill(select, results) {
    var chosen = select.value;
    Array.prototype.slice.call(select.options).forEach(function (option) {
      if (option.value !== "" && option.value !== chosen) {
        select.removeChild(option);
      }
    });
    results.forEach(function (item) {
      if (String(item.id) === chosen) {
        return;
      }
      var option = document.createElement("option");
      option.value = String(item.id);
      option.textContent = item.text;
      select.appendChild(option);
    });
  }

  function enhance(select) {
    if (select.dataset.autocompleteReady || select.name.indexOf("__prefix__") !== -1) {
      return;
    }
    select.dataset.autocompleteReady = "1";
    var input = document.createElement("input");
    input.type = "search";
    input.className = "form-control form-control-sm mb-1";
    input.autocomplete = "off";
    input.setAttribute("aria-label", select.dataset.autocompleteSearch + ": " + labelOf(select));
    input.placeholder = select.dataset.autocompleteSearch + "…";
    if (select.id) {
      input.id = select.id + "_search";
      select.setAttribute("aria-describedby", (select.getAttribute("aria-describedby") || "") + " " + input.id + "_status");
    }
    var status = document.createElement("span");
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    status.id = input.id ? input.id + "_status" : "";
    status.textContent = select.dataset.autocompleteHint;
    select.parentNode.insertBefore(input, select);
    select.parentNode.insertBefore(status, select.nextSibling);

    var timer = null;
    var asked = 0;
    function search() {
      var ask = ++asked;
      var url = select.dataset.autocompleteUrl + "?q=" + encodeURIComponent(input.value.trim());
      fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (response) {
          return response.ok ? response.json() : { results: [] };
        })
        .then(function (data) {
          if (ask !== asked) {
            return; // an older answer arriving after a newer one
          }
          fill(select, data.results);
          status.textContent = select.dataset.autocompleteFound.replace("%(count)s", String(data.results.length));
        })
        .catch(function () {});
    }
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(search, 250);
    });
    input.addEventListener("keydown", function (event) {
      if (event.key === "Enter") {
        event.preventDefault(); // in a filter bar, Enter would send the form before the list is filled
        clearTimeout(timer);
        search();
      } else if (event.key === "ArrowDown") {
        event.preventDefault();
        select.focus();
      }
    });
    // The first focus fills the list with the first matches, so a mouse user can open it at once.
    input.addEventListener("focus", function once() {
      input.removeEventListener("focus", once);
      if (select.options.length <= 2) {
        search();
      }
    });
  }

  function enhanceAll(root) {
    root.querySelectorAll("select[data-autocomplete-url]").forEach(enhance);
  }

  enhanceAll(document);
  document.addEventListener("formset:added", function (event) {
    enhanceAll(event.detail && event.detail.row ? event.detail.row : document);
  });
})();
