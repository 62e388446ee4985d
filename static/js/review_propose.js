// Show the proposed time where the buddy lives, as it is typed. The server checks it again.
// The sentence and the locale for the date come from the page (data-sentence, data-locale), translated there.
(function () {
  var out = document.getElementById("buddy-time");
  var date = document.getElementById("id_date"), time = document.getElementById("id_time");
  if (!out || !date || !time || !window.Intl) return;
  function offset(zone, ms) {
    var p = {};
    new Intl.DateTimeFormat("en-US", {timeZone: zone, hourCycle: "h23", year: "numeric", month: "2-digit",
      day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit"})
      .formatToParts(new Date(ms)).forEach(function (x) { p[x.type] = +x.value; });
    return Date.UTC(p.year, p.month - 1, p.day, p.hour % 24, p.minute, p.second) - ms;
  }
  function update() {
    var d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date.value), t = /^(\d{2}):(\d{2})/.exec(time.value);
    if (!d || !t) { out.textContent = ""; return; }
    var guess = Date.UTC(+d[1], d[2] - 1, +d[3], +t[1], +t[2]);
    var utc = guess - offset(out.dataset.zone, guess);
    utc = guess - offset(out.dataset.zone, utc);
    var text = new Intl.DateTimeFormat(out.dataset.locale || "en-GB", {timeZone: out.dataset.buddyZone, weekday: "long",
      day: "numeric", month: "long", hour: "2-digit", minute: "2-digit"}).format(new Date(utc));
    var parts = {name: out.dataset.buddy, time: text, zone: out.dataset.buddyZone.replace(/_/g, " ")};
    // One pass, so a name that happens to hold "{time}" is left as it is.
    out.textContent = out.dataset.sentence.replace(/\{(name|time|zone)\}/g, function (all, key) { return parts[key]; });
  }
  date.addEventListener("input", update);
  time.addEventListener("input", update);
  update();
})();
