/* A live blog's new updates, without reloading (templates/articles/_live_blog.html).

   Every data-interval seconds the page asks its updates address for those newer than the
   newest it shows, and puts them at the top of the list: at once when the top of the list is
   in view, else behind a "N new updates" button, so what the reader is looking at never
   moves. Screen readers hear how many arrived. It waits while the tab is hidden, waits
   longer after each failure, and stops when the blog ends. Nothing about the reader is sent. */
(function () {
  "use strict";
  var tag = document.currentScript;
  var blog = document.querySelector("[data-live-updates]");
  if (!tag || !blog || !window.fetch) return;
  var list = blog.querySelector(".live-blog__updates");
  var status = blog.querySelector(".live-blog__status");
  var url = blog.getAttribute("data-live-updates");
  var interval = Math.max(parseFloat(tag.dataset.interval) || 30, 0.2) * 1000;
  var delay = interval;
  var timer = null;
  var waiting = [];  // updates fetched while the reader is further down the page
  var button = null;
  var stopped = false;

  function newest() {
    var first = list.querySelector("[data-update-id]");
    var shown = first ? parseInt(first.getAttribute("data-update-id"), 10) : 0;
    var held = waiting.length ? parseInt(waiting[0].getAttribute("data-update-id"), 10) : 0;
    return Math.max(shown, held);
  }

  function say(text) {
    // A change of text is what a polite live region announces.
    status.textContent = "";
    window.setTimeout(function () { status.textContent = text; }, 50);
  }

  function plural(count) {
    return count === 1 ? "1 new update" : count + " new updates";
  }

  function topInView() {
    return list.getBoundingClientRect().top >= 0;
  }

  function showWaiting() {
    var empty = list.querySelector(".live-blog__empty");
    if (empty) empty.remove();
    for (var i = waiting.length - 1; i >= 0; i--) list.insertBefore(waiting[i], list.firstChild);
    waiting = [];
    if (button) { button.remove(); button = null; }
  }

  function offer() {
    if (!button) {
      button = document.createElement("button");
      button.type = "button";
      button.className = "live-blog__new";
      button.addEventListener("click", function () {
        showWaiting();
        blog.scrollIntoView({ block: "start" });
        var first = list.querySelector("[data-update-id]");
        if (first) first.focus({ preventScroll: true });
      });
      document.body.appendChild(button);
    }
    button.textContent = "Show " + plural(waiting.length);
  }

  function receive(answer) {
    if (answer.count) {
      var holder = document.createElement("div");
      holder.innerHTML = answer.html;  // made by our own template from sanitised text
      var fresh = Array.prototype.slice.call(holder.querySelectorAll("[data-update-id]"));
      fresh.forEach(function (update) { update.setAttribute("tabindex", "-1"); });
      waiting = fresh.concat(waiting);
      if (topInView()) showWaiting(); else offer();
      say(plural(fresh.length));
    }
    if (!answer.live) {
      stopped = true;
      var ended = document.createElement("p");
      ended.className = "live-blog__ended";
      ended.textContent = "This live blog has ended.";
      list.parentNode.insertBefore(ended, list);
      say(ended.textContent);
    }
  }

  function schedule(after) {
    if (stopped) return;
    window.clearTimeout(timer);
    timer = window.setTimeout(ask, after);
  }

  function ask() {
    timer = null;
    if (document.visibilityState === "hidden") return;  // asked again once it is shown
    // "no-cache": the browser asks again (with its ETag) rather than reuse its copy.
    fetch(url + "?after=" + newest(), { credentials: "omit", cache: "no-cache" })
      .then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.json();
      })
      .then(function (answer) {
        delay = interval;
        receive(answer);
        schedule(delay);
      })
      .catch(function () {
        delay = Math.min(delay * 2, Math.max(interval, 300000));  // at most every five minutes
        schedule(delay);
      });
  }

  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "visible" && timer === null && !stopped) schedule(0);
  });
  window.addEventListener("scroll", function () {
    if (waiting.length && topInView()) showWaiting();
  }, { passive: true });
  schedule(delay);
})();
