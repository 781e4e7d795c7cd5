/* The photo's admin page: clicking the whole picture sets the focal point (the fields "Focal x"
   and "Focal y"); saving remakes the crops around it (articles/admin/photos.py). Before an
   upload, and when another file is chosen, the picture shown is the chosen file itself, read
   in the browser: nothing is sent until the form is saved. */
(function () {
  "use strict";

  function start() {
    var holder = document.querySelector(".focal-point-picker");
    var x = document.getElementById("id_focal_x");
    var y = document.getElementById("id_focal_y");
    if (!holder || !x || !y) return;
    var picker = null;
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
    holder.style.position = "relative";
    holder.style.display = "inline-block";
    holder.appendChild(dot);

    function place() {
      dot.hidden = !picker || !picker.width;
      if (dot.hidden) return;
      dot.style.left = picker.offsetLeft + (parseFloat(x.value) || 0) * picker.width + "px";
      dot.style.top = picker.offsetTop + (parseFloat(y.value) || 0) * picker.height + "px";
    }

    function attach(img) {
      picker = img;
      Object.assign(img.style, { cursor: "crosshair", maxWidth: "100%", height: "auto" });
      img.addEventListener("click", function (event) {
        var box = img.getBoundingClientRect();
        x.value = ((event.clientX - box.left) / box.width).toFixed(2);
        y.value = ((event.clientY - box.top) / box.height).toFixed(2);
        place();
      });
      img.addEventListener("load", place);
      place();
    }

    function showChosenFile(file) {
      var reader = new FileReader();
      reader.addEventListener("load", function () {
        if (!picker) {
          var img = document.createElement("img");
          img.alt = "The whole picture";
          img.title = "Click the centre of interest to set the focal point";
          img.width = 320;
          img.setAttribute("data-focal-picker", "");
          holder.querySelectorAll("p").forEach(function (p) {
            p.hidden = true;
          });
          holder.insertBefore(img, holder.firstChild);
          attach(img);
        }
        picker.removeAttribute("height");
        picker.src = reader.result;
      });
      reader.readAsDataURL(file);
    }

    var existing = holder.querySelector("img[data-focal-picker]");
    if (existing) attach(existing);
    var upload = document.getElementById("id_image");
    if (upload) {
      upload.addEventListener("change", function () {
        var file = upload.files && upload.files[0];
        if (file && /^image\//.test(file.type)) showChosenFile(file);
      });
    }
    x.addEventListener("input", place);
    y.addEventListener("input", place);
    window.addEventListener("resize", place);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
