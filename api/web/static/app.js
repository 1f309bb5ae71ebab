// ea-repo's only script: small enhancements. Every page works without it.
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  // A form field with data-autosubmit sends its form when changed (filters), instead of waiting for the button.
  document.querySelectorAll("[data-autosubmit]").forEach(function (field) {
    field.addEventListener("change", function () { field.form.submit(); });
  });
  // A button with data-confirm asks before its form is sent (deleting).
  document.querySelectorAll("[data-confirm]").forEach(function (button) {
    button.addEventListener("click", function (event) {
      if (!window.confirm(button.getAttribute("data-confirm"))) { event.preventDefault(); }
    });
  });
});

// --- Diagrams (api/web/templates/diagram.html): zoom and pan --------------------------------------------------------
// Without this script the SVG scrolls in its box. With it: the zoom buttons show, Ctrl + wheel (or + / - / 0 on the
// focused box) zooms around the pointer, and dragging pans. Zooming changes the SVG's width and height attributes
// (no inline style: the page's Content-Security-Policy allows none).
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("[data-zoomable]").forEach(function (box) {
    var svg = box.querySelector("svg");
    if (!svg) { return; }
    var unit = function (text) { var m = /^([\d.]+)([a-z%]*)$/.exec(text || ""); return m ? [parseFloat(m[1]), m[2]] : null; };
    var width = unit(svg.getAttribute("width")), height = unit(svg.getAttribute("height"));
    if (!width || !height) { return; }
    var scale = 1, MIN = 0.1, MAX = 8;
    function zoom(factor, x, y) {
      var next = Math.min(MAX, Math.max(MIN, factor === 0 ? 1 : scale * factor));
      if (next === scale) { return; }
      // keep the point under (x, y) (box coordinates; the centre by default) where it was
      var px = x === undefined ? box.clientWidth / 2 : x, py = y === undefined ? box.clientHeight / 2 : y;
      var fx = (box.scrollLeft + px) / scale, fy = (box.scrollTop + py) / scale;
      scale = next;
      svg.setAttribute("width", (width[0] * scale).toFixed(2) + width[1]);
      svg.setAttribute("height", (height[0] * scale).toFixed(2) + height[1]);
      box.scrollLeft = fx * scale - px;
      box.scrollTop = fy * scale - py;
    }
    var tools = document.querySelector('[data-zoom-for="' + box.id + '"]');
    if (tools) {
      tools.hidden = false;
      tools.querySelectorAll("[data-zoom]").forEach(function (button) {
        button.addEventListener("click", function () {
          var how = button.getAttribute("data-zoom");
          zoom(how === "in" ? 1.25 : how === "out" ? 0.8 : 0);
        });
      });
    }
    box.addEventListener("wheel", function (event) {
      if (!event.ctrlKey) { return; }  // a plain wheel scrolls (pans) the box as usual
      event.preventDefault();
      var rect = box.getBoundingClientRect();
      zoom(event.deltaY < 0 ? 1.1 : 1 / 1.1, event.clientX - rect.left, event.clientY - rect.top);
    }, { passive: false });
    box.addEventListener("keydown", function (event) {
      if (event.key === "+" || event.key === "=") { zoom(1.25); event.preventDefault(); }
      else if (event.key === "-") { zoom(0.8); event.preventDefault(); }
      else if (event.key === "0") { zoom(0); event.preventDefault(); }
    });
    var drag = null;
    box.addEventListener("pointerdown", function (event) {
      if (event.button !== 0) { return; }
      drag = { x: event.clientX, y: event.clientY, left: box.scrollLeft, top: box.scrollTop };
      box.setPointerCapture(event.pointerId);
      box.classList.add("dragging");
    });
    box.addEventListener("pointermove", function (event) {
      if (!drag) { return; }
      box.scrollLeft = drag.left - (event.clientX - drag.x);
      box.scrollTop = drag.top - (event.clientY - drag.y);
    });
    var stop = function () { drag = null; box.classList.remove("dragging"); };
    box.addEventListener("pointerup", stop);
    box.addEventListener("pointercancel", stop);
  });
});
