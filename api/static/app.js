// A little progressive enhancement; every page works without it.
(function () {
  "use strict";

  // A link to a citation (#cite-004-252) opens the <details> it points at.
  function openTarget() {
    var id = decodeURIComponent(location.hash.slice(1));
    var el = id && document.getElementById(id);
    if (el && el.tagName === "DETAILS") { el.open = true; }
  }
  window.addEventListener("hashchange", openTarget);
  document.addEventListener("DOMContentLoaded", openTarget);

  // The Ask form: search-as-you-type over names and aliases, filling the <datalist>.
  document.addEventListener("DOMContentLoaded", function () {
    var input = document.getElementById("q");
    var list = document.getElementById("q-options");
    var hidden = document.getElementById("q-id");
    if (!input || !list || !hidden) { return; }
    var hits = [];
    var timer = null;
    var asked = "";

    function choose() {
      // The typed text names exactly one suggestion: send its id, so identical names are not ambiguous.
      var named = hits.filter(function (h) { return h.name === input.value || h.id === input.value; });
      hidden.value = named.length === 1 ? named[0].id : "";
    }

    function suggest() {
      var text = input.value.trim();
      if (text.length < 2 || text === asked) { return; }
      asked = text;
      fetch("/api/search?limit=12&q=" + encodeURIComponent(text))
        .then(function (r) { return r.ok ? r.json() : []; })
        .then(function (found) {
          hits = found;
          list.replaceChildren.apply(list, found.map(function (h) {
            var option = document.createElement("option");
            option.value = h.name;
            option.label = [h.kind].concat(h.areas || [], [h.id]).join(" · ");
            return option;
          }));
          choose();
        })
        .catch(function () { /* suggestions are a convenience: the form still works */ });
    }

    input.addEventListener("input", function () {
      choose();
      clearTimeout(timer);
      timer = setTimeout(suggest, 150);
    });

    // "In which situation?" only matters for escalation.
    var when = document.getElementById("when-field");
    function sync() {
      var checked = document.querySelector('input[name="question"]:checked');
      if (when) { when.hidden = !checked || checked.value !== "escalate"; }
    }
    document.querySelectorAll('input[name="question"]').forEach(function (r) { r.addEventListener("change", sync); });
    sync();
  });
})();

// The compliance page: a print button, and every piece of evidence open when printed.
(function () {
  var button = document.getElementById("print-page");
  if (button) button.addEventListener("click", function () { window.print(); });
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details.evidence").forEach(function (d) { d.open = true; });
  });
})();
