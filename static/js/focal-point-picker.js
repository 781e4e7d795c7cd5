/* The photo's admin page: clicking the whole-frame preview sets the focal point (the fields
   "Focal x" and "Focal y"); saving remakes the crops around it (articles/admin/photos.py). */
(function () {
  "use strict";

  function start() {
    var picker = document.querySelector("[data-focal-picker]");
    var x = document.getElementById("id_focal_x");
    var y = document.getElementById("id_focal_y");
    if (!picker || !x || !y) return;
    var frame = picker.parentNode;
    var dot = document.createElement("span");
    dot.setAttribute("aria-hidden", "true");
    // Styled through the CSSOM, which the Content-Security-Policy allows, not a style attribute.
    Object.assign(dot.style, {
      position: "absolute",
      width: "14px",
      height: "14px",
      margin: "-7px 0 0 -7px",
      border: "2px solid #fff",
      borderRadius: "50%",
      boxShadow: "0 0 0 2px #a4161a",
      pointerEvents: "none",
    });
    frame.style.position = "relative";
    frame.appendChild(dot);

    function place() {
      dot.style.left = (parseFloat(x.value) || 0) * picker.width + "px";
      dot.style.top = (parseFloat(y.value) || 0) * picker.height + "px";
    }

    picker.style.cursor = "crosshair";
    picker.addEventListener("click", function (event) {
      var box = picker.getBoundingClientRect();
      x.value = ((event.clientX - box.left) / box.width).toFixed(2);
      y.value = ((event.clientY - box.top) / box.height).toFixed(2);
      place();
    });
    x.addEventListener("input", place);
    y.addEventListener("input", place);
    place();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
