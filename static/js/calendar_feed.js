// The calendar feed page: copy the address; confirm before making a new one.
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
      var done = function () { button.textContent = "Copied"; say("The address is copied."); };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(input.value).then(done, function () { say("Select the address and copy it."); });
      } else if (document.execCommand && document.execCommand("copy")) {
        done();
      } else {
        say("Select the address and copy it.");
      }
    });
  });
  document.querySelectorAll("form[data-confirm]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      if (!window.confirm(form.dataset.confirm)) event.preventDefault();
    });
  });
})();
