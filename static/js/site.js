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

// A live count on text fields with a limit (data-limit, set by careergoals.forms): nothing is
// cut; near the limit it says how much room is left, past it by how much to shorten.
(function () {
  // The words come from the page (base.html's #count-words, in the page's language): a
  // "one" and an "other" form each, with {count} and {limit} filled in here.
  var lang = document.documentElement.lang || "en";
  var words = null;
  try { words = JSON.parse(document.getElementById("count-words").textContent); } catch (e) { words = null; }
  var rules = window.Intl && Intl.PluralRules ? new Intl.PluralRules(lang) : null;
  function say(key, count, limit) {
    var forms = (words && words[key]) || {};
    var text = forms[rules ? rules.select(count) : (count === 1 ? "one" : "other")] || forms.other;
    if (!text) return "";
    return text.replace("{count}", count.toLocaleString(lang)).replace("{limit}", limit.toLocaleString(lang));
  }
  function counterFor(field) {
    var id = (field.id || field.name) + "-count";
    var counter = document.getElementById(id);
    if (!counter) {
      counter = document.createElement("div");
      counter.id = id;
      counter.className = "form-text text-count";
      counter.setAttribute("aria-live", "polite");
      field.insertAdjacentElement("afterend", counter);
    }
    return counter;
  }
  document.addEventListener("input", function (event) {
    var field = event.target;
    if (!field.dataset || !field.dataset.limit) return;
    var limit = parseInt(field.dataset.limit, 10);
    var left = limit - field.value.length;
    if (left > limit * 0.2 && !document.getElementById((field.id || field.name) + "-count")) return;
    var counter = counterFor(field);
    counter.classList.toggle("text-danger-emphasis", left < 0);
    counter.classList.toggle("fw-semibold", left < 0);
    counter.textContent = left < 0 ? say("over", -left, limit) : say("left", left, limit);
  });
})();

// Installable on a phone: the service worker (/sw.js) shows an offline page when the network
// fails. It keeps only our static files and that page, never a page with someone's data.
if ("serviceWorker" in navigator) {
  window.addEventListener("load", function () {
    navigator.serviceWorker.register("/sw.js").catch(function () {});
  });
}
