// newsprism's own script: the removed-paragraphs toggle and bringing a cited span into view.
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  var button = document.getElementById("toggle-removed");
  if (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      var show = button.getAttribute("aria-pressed") !== "true";
      button.setAttribute("aria-pressed", show ? "true" : "false");
      button.textContent = (show ? "Hide" : "Show") + " removed paragraphs";
      document.querySelectorAll(".para.removed").forEach(function (el) {
        el.hidden = !show;
      });
    });
  }
  var cited = document.getElementById("cited");
  if (cited) {
    cited.scrollIntoView({ block: "center" });
    cited.focus({ preventScroll: true });
  }
});
