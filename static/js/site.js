// Small progressive enhancements; every page works without them.
(function () {
  // Pre-select the browser's time zone on forms that ask for one, unless the person chose already.
  var zone;
  try { zone = Intl.DateTimeFormat().resolvedOptions().timeZone; } catch (e) { zone = null; }
  document.querySelectorAll("select[data-browser-timezone]").forEach(function (select) {
    if (!zone || select.dataset.touched) return;
    var bound = select.closest("form") && select.closest("form").querySelector(".is-invalid");
    if (select.value !== "UTC" || bound) return;
    var option = Array.prototype.find.call(select.options, function (o) { return o.value === zone; });
    if (option) select.value = zone;
  });
})();
