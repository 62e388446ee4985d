// Pages that show a secret to copy (the calendar feed's address, a new access token):
// copy it with a button; confirm before a form that can't be undone (data-confirm).
// The words come from the page (data-copied, data-copied-message, data-copy-failed), translated there.
(function () {
  var status = document.getElementById("live-status");
  function say(text) {
    if (!status) return;
    status.textContent = text;
    status.classList.remove("show"); void status.offsetWidth; status.classList.add("show");
  }
  document.querySelectorAll("[data-copy]").forEach(function (button) {
    button.addEventListener("click", function () {
      var input = document.querySelector(button.dataset.copy);
      input.select();
      var words = button.dataset;
      var done = function () { button.textContent = words.copied; say(words.copiedMessage); };
      var failed = function () { say(words.copyFailed); };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(input.value).then(done, failed);
      } else if (document.execCommand && document.execCommand("copy")) {
        done();
      } else {
        failed();
      }
    });
  });
  document.querySelectorAll("form[data-confirm]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      if (!window.confirm(form.dataset.confirm)) event.preventDefault();
    });
  });
})();
