/* Feedback where the user is (README, "Editing feedback"). Every page works without this
   file: the server puts autofocus on the field or error summary to go to, and redirects
   to the row with #anchor (rows carry tabindex="-1"). This only adds what needs a script:
   after htmx swaps part of a page, the view and keyboard focus follow; and a character
   counter under each text field that has a limit. */
(function () {
  "use strict";

  function reveal(element) {
    var box = element.getBoundingClientRect();
    if (box.top < 0 || box.bottom > window.innerHeight) {
      element.scrollIntoView({ block: box.height > window.innerHeight ? "start" : "center" });
    }
  }

  function focusOn(element) {
    if (!element.hasAttribute("tabindex") && element.tabIndex < 0) {
      element.setAttribute("tabindex", "-1");
    }
    element.focus({ preventScroll: true });
    reveal(element);
  }

  // After a swap: the field or error summary marked autofocus (htmx has focused it).
  document.addEventListener("htmx:afterSettle", function (event) {
    var swapped = event.target;
    var marked = swapped.matches("[autofocus]") ? swapped : swapped.querySelector("[autofocus]");
    if (marked) focusOn(marked);
  });

  // After a saved change: the server names the row (HX-Trigger-After-Settle).
  document.addEventListener("registerfocus", function (event) {
    var row = event.detail && document.getElementById(event.detail.id);
    if (row) focusOn(row);
  });

  var format = new Intl.NumberFormat("sv-SE");

  function count(field, counter) {
    counter.textContent =
      format.format(field.value.length) + " av " + format.format(field.maxLength) + " tecken";
  }

  function addCounters(root) {
    var fields = root.querySelectorAll(
      ".form textarea[maxlength], .form input[type=text][maxlength]"
    );
    fields.forEach(function (field) {
      if (field.dataset.counted || !field.id) return;
      field.dataset.counted = "true";
      var counter = document.createElement("p");
      counter.className = "form__count";
      counter.id = field.id + "_count";
      field.insertAdjacentElement("afterend", counter);
      count(field, counter);
      field.addEventListener("input", function () {
        count(field, counter);
      });
    });
  }

  document.addEventListener("htmx:load", function (event) {
    addCounters(event.target);
  });
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () {
      addCounters(document);
    });
  } else {
    addCounters(document);
  }
})();
