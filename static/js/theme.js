// Light or dark, loaded in <head> so the page never flashes. A signed-in person's own choice
// comes rendered by the server (data-theme-choice on <html>); otherwise follow the device.
(function () {
  var root = document.documentElement;
  if (root.hasAttribute("data-theme-choice")) return;
  var query = window.matchMedia("(prefers-color-scheme: dark)");
  function apply() {
    root.setAttribute("data-bs-theme", query.matches ? "dark" : "light");
  }
  apply();
  query.addEventListener("change", apply);
})();
