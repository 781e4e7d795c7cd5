/* Counts one read of this story once the page is shown (articles/popularity.py).
   No cookies, no identifiers, nothing else: the id and address come from this tag. */
(function () {
  "use strict";
  var tag = document.currentScript;
  if (!tag || !tag.dataset.article || !tag.dataset.url) return;
  var sent = false;

  function send() {
    if (sent || document.visibilityState !== "visible") return;
    sent = true;
    var body = new URLSearchParams({ article: tag.dataset.article });
    if (navigator.sendBeacon && navigator.sendBeacon(tag.dataset.url, body)) return;
    if (window.fetch) {
      fetch(tag.dataset.url, { method: "POST", body: body, keepalive: true, credentials: "omit" });
    }
  }

  // A page prerendered or opened in a background tab counts only when someone looks at it.
  document.addEventListener("visibilitychange", send);
  if (document.readyState === "complete") send();
  else window.addEventListener("load", send);
})();
