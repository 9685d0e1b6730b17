// ClaimCompare review pages: small progressive enhancements only; every page works without this file.
(function () {
  "use strict";
  // After a refused (stale) change, move focus to the message so keyboard and screen-reader users hear it first.
  var conflict = document.getElementById("conflict");
  if (conflict) {
    conflict.focus();
  }
  // Keep an unsaved note from being lost by leaving the item page by accident.
  var note = document.getElementById("note");
  if (note) {
    var initial = note.value;
    var submitting = false;
    note.form.addEventListener("submit", function () { submitting = true; });
    window.addEventListener("beforeunload", function (event) {
      if (!submitting && note.value.trim() !== initial.trim()) {
        event.preventDefault();
        event.returnValue = "";
      }
    });
  }
})();
