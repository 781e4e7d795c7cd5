/* Every time on the desk is the newsroom's (settings.TIME_ZONE), whatever the clock of the
   editor's computer says, and the admin's "Now" gives the newsroom's time too. Beside each
   time field this says so, e.g. "Newsroom time (Asia/Tbilisi, UTC+04:00)". */
(function () {
  "use strict";

  var script = document.currentScript;

  function label() {
    var zone = script.dataset.timeZone;
    var offset = script.dataset.utcOffset || ""; // "+0400"
    var utc = /^[+-]\d{4}$/.test(offset) ? "UTC" + offset.slice(0, 3) + ":" + offset.slice(3) : "";
    return "Newsroom time (" + [zone, utc].filter(Boolean).join(", ") + ")";
  }

  function start() {
    if (!script) return;
    var text = label();
    document.querySelectorAll("input.vTimeField").forEach(function (input) {
      // A date and time pair sits in one paragraph: the note goes once, at its end (where the
      // admin would put its own note on time zones).
      var holder = input.closest("p.datetime") || input.parentNode;
      if (holder.querySelector(".newsroom-time")) return;
      var note = document.createElement("div");
      note.className = "help newsroom-time";
      note.textContent = text;
      holder.appendChild(note);
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
