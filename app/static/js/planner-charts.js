/* Planners' charts: each <canvas data-chart="..."> becomes a Chart.js chart (served by the app,
   no CDN). The data attribute holds the same rows as the table beside the chart. */
"use strict";

(function () {
  if (typeof Chart === "undefined") {
    return;
  }
  var percent = function (value) {
    return Number(value).toLocaleString(document.documentElement.lang || "id") + " %";
  };
  document.querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
    var spec = JSON.parse(canvas.getAttribute("data-chart"));
    var horizontal = spec.kind === "bar-horizontal";
    var valueAxis = {
      beginAtZero: true,
      title: { display: true, text: spec.y },
      ticks: { callback: percent }
    };
    var labelAxis = { title: { display: true, text: spec.x } };
    var line = spec.kind === "line";
    var points = spec.values;
    if (line) {
      /* survey rounds (YYYY-MM) on a time axis: a two-year gap looks like one */
      points = spec.labels.map(function (period, i) {
        var parts = period.split("-");
        return { x: Number(parts[0]) + (Number(parts[1]) - 1) / 12, y: spec.values[i], period: period };
      });
      labelAxis.type = "linear";
      labelAxis.ticks = { stepSize: 1, callback: function (value) { return String(value); } };
    }
    new Chart(canvas, {
      type: line ? "line" : "bar",
      data: {
        labels: line ? undefined : spec.labels,
        datasets: [{
          label: spec.y,
          data: points,
          borderColor: "#0d6efd",
          backgroundColor: spec.kind === "line" ? "#0d6efd" : "rgba(13, 110, 253, 0.7)",
          tension: 0
        }]
      },
      options: {
        indexAxis: horizontal ? "y" : "x",
        maintainAspectRatio: false,
        animation: false,
        scales: horizontal ? { x: valueAxis, y: labelAxis } : { x: labelAxis, y: valueAxis },
        plugins: {
          legend: { display: false },
          title: { display: true, text: spec.title },
          subtitle: { display: true, text: spec.source, position: "bottom", align: "end" },
          tooltip: {
            callbacks: {
              title: function (items) { return line ? items[0].raw.period : items[0].label; },
              label: function (ctx) { return percent(ctx.parsed[horizontal ? "x" : "y"]); }
            }
          }
        }
      }
    });
  });
})();
