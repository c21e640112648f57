/* Link & Match: behaviour shared by every page, attached by event listeners (the
   Content-Security-Policy allows no inline scripts or on* attributes). */
"use strict";

document.addEventListener("click", function (event) {
  var target = event.target instanceof Element ? event.target.closest("[data-action=print]") : null;
  if (target) {
    event.preventDefault();
    window.print();
  }
});
