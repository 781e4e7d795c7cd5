/* The story form: "Lead photo as readers see it" follows the lead photo chosen, whether picked
   in the autocomplete, added through the "+" popup or edited through the pencil. The block
   comes from the desk (ArticleAdmin.lead_photo_preview_view), staff only, as the server
   renders it on load. */
(function () {
  "use strict";

  var script = document.currentScript;

  function start() {
    var select = document.getElementById("id_lead_photo");
    var target = document.querySelector(".field-lead_photo_preview .readonly");
    if (!select || !target || !script) return;
    var url = script.dataset.previewUrl;
    var shown = select.value;
    var loaded = document.readyState === "complete";
    var asked = 0;
    // The admin announces every choice once as the page loads: the block already shows it.
    // After that the same photo is fetched again too, as it may have been edited (the pencil).
    window.addEventListener("load", function () {
      loaded = true;
    });

    function refresh() {
      if (!loaded && select.value === shown) return;
      shown = select.value;
      var ask = ++asked;
      target.setAttribute("aria-busy", "true");
      fetch(url + "?photo=" + encodeURIComponent(shown), {
        credentials: "same-origin",
        headers: { Accept: "text/html" },
      })
        .then(function (response) {
          if (!response.ok) throw new Error(String(response.status));
          return response.text();
        })
        .then(function (html) {
          if (ask === asked) target.innerHTML = html;
        })
        .catch(function () {
          if (ask === asked) {
            target.textContent =
              "The preview could not be loaded: save and continue editing to see it.";
          }
        })
        .finally(function () {
          if (ask === asked) target.removeAttribute("aria-busy");
        });
    }

    // The autocomplete and the "+" popup announce a new choice through jQuery, whose events
    // a plain listener does not hear; jQuery's own listener hears both kinds.
    if (window.django && window.django.jQuery) window.django.jQuery(select).on("change", refresh);
    else select.addEventListener("change", refresh);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
