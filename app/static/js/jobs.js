/* A job's page: ask for its state every second while it runs; reload when it has ended. */
"use strict";

(function () {
  var box = document.querySelector("[data-job-status]");
  if (!box || (box.dataset.state !== "queued" && box.dataset.state !== "running")) {
    return;
  }
  var bar = box.querySelector("[data-job-progress]");
  var count = box.querySelector("[data-job-count]");
  function poll() {
    fetch(box.dataset.jobStatus, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) { return response.json(); })
      .then(function (state) {
        if (state.status === "finished" || state.status === "failed") {
          window.location.reload();
          return;
        }
        if (bar) { bar.value = state.percent; bar.textContent = state.percent + " %"; }
        if (count && state.total) { count.textContent = state.done + " / " + state.total; }
        window.setTimeout(poll, 1000);
      })
      .catch(function () { window.setTimeout(poll, 3000); });
  }
  window.setTimeout(poll, 1000);
})();
