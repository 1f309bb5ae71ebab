// ea-repo's only script: small enhancements. Every page works without it.
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  // A form field with data-autosubmit sends its form when changed (filters), instead of waiting for the button.
  document.querySelectorAll("[data-autosubmit]").forEach(function (field) {
    field.addEventListener("change", function () { field.form.submit(); });
  });
  // A button with data-confirm asks before its form is sent (deleting).
  document.querySelectorAll("[data-confirm]").forEach(function (button) {
    button.addEventListener("click", function (event) {
      if (!window.confirm(button.getAttribute("data-confirm"))) { event.preventDefault(); }
    });
  });
});
