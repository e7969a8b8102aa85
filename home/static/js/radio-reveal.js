// Radios that reveal a question (NHS.UK's conditional reveal pattern) without NHS.UK's script,
// which sets aria-expanded on the radio: ARIA does not allow that attribute on radios, and
// axe-core fails the page for it. Checkboxes may carry it, so they keep NHS.UK's own script.
// Without JavaScript nothing here runs and every revealed question simply shows.
(function () {
  document.querySelectorAll("[data-college-radios]").forEach(function (group) {
    var inputs = group.querySelectorAll("input[type=radio]");
    function sync() {
      inputs.forEach(function (input) {
        var target = document.getElementById(input.getAttribute("aria-controls"));
        if (target) target.classList.toggle("nhsuk-radios__conditional--hidden", !input.checked);
      });
    }
    inputs.forEach(function (input) {
      if (input.dataset.ariaControls) input.setAttribute("aria-controls", input.dataset.ariaControls);
    });
    group.addEventListener("change", sync);
    window.addEventListener("pageshow", sync);  // back and forward keep the choice: match it
    sync();
  });
})();
