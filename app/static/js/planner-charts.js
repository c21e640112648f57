/* Planners' charts: each <canvas data-chart="..."> becomes a Chart.js chart (served by the app,
   no CDN). The data attribute holds the same rows as the table beside the chart: either one
   series of percentages over survey rounds ("values", the BPS context) or named series
   ("series", the platform's figures) in counts or percentages ("unit"). */
"use strict";

(function () {
  if (typeof Chart === "undefined") {
    return;
  }
  var lang = document.documentElement.lang || "id";
  var PALETTE = ["#0d6efd", "#fd7e14", "#198754", "#6f42c1", "#dc3545", "#20c997", "#6c757d"];
  var formatter = function (unit) {
    return function (value) {
      if (value === null || value === undefined) { return "—"; }
      var text = Number(value).toLocaleString(lang);
      return unit === "percent" ? text + " %" : text;
    };
  };

  /* survey rounds (YYYY-MM) on a time axis: a two-year gap looks like one */
  var contextDatasets = function (spec, labelAxis) {
    var line = spec.kind === "line";
    var points = spec.values;
    if (line) {
      points = spec.labels.map(function (period, i) {
        var parts = period.split("-");
        return { x: Number(parts[0]) + (Number(parts[1]) - 1) / 12, y: spec.values[i], period: period };
      });
      labelAxis.type = "linear";
      labelAxis.ticks = { stepSize: 1, callback: function (value) { return String(value); } };
    }
    return [{
      label: spec.y,
      data: points,
      borderColor: PALETTE[0],
      backgroundColor: line ? PALETTE[0] : "rgba(13, 110, 253, 0.7)",
      tension: 0
    }];
  };

  var seriesDatasets = function (spec) {
    return spec.series.map(function (series, i) {
      var colour = PALETTE[i % PALETTE.length];
      return {
        label: series.name,
        data: series.values,
        borderColor: colour,
        backgroundColor: spec.kind === "line" ? colour : colour + "b3",
        tension: 0,
        spanGaps: false
      };
    });
  };

  document.querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
    var spec = JSON.parse(canvas.getAttribute("data-chart"));
    var horizontal = spec.kind === "bar-horizontal";
    var line = spec.kind === "line";
    var context = !spec.series;
    var unit = context ? "percent" : spec.unit;
    var format = formatter(unit);
    var valueAxis = {
      beginAtZero: true,
      title: { display: Boolean(spec.y), text: spec.y },
      ticks: { callback: format }
    };
    var labelAxis = { title: { display: Boolean(spec.x), text: spec.x } };
    var datasets = context ? contextDatasets(spec, labelAxis) : seriesDatasets(spec);
    new Chart(canvas, {
      type: line ? "line" : "bar",
      data: { labels: context && line ? undefined : spec.labels, datasets: datasets },
      options: {
        indexAxis: horizontal ? "y" : "x",
        maintainAspectRatio: false,
        animation: false,
        scales: horizontal ? { x: valueAxis, y: labelAxis } : { x: labelAxis, y: valueAxis },
        plugins: {
          legend: { display: datasets.length > 1 },
          title: { display: true, text: spec.title },
          subtitle: { display: Boolean(spec.source), text: spec.source, position: "bottom", align: "end" },
          tooltip: {
            callbacks: {
              title: function (items) {
                return context && line ? items[0].raw.period : items[0].label;
              },
              label: function (ctx) {
                var prefix = datasets.length > 1 ? ctx.dataset.label + ": " : "";
                return prefix + format(ctx.parsed[horizontal ? "x" : "y"]);
              }
            }
          }
        }
      }
    });
  });
})();
