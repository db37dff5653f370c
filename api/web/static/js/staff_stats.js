// Staff statistics: one GET /api/v1/stats per week, drawn as inline SVG line charts.
// No chart library: two small line charts and a table with the same numbers for screen readers.
"use strict";

(function () {
  const SVG = "http://www.w3.org/2000/svg";
  const COLOURS = ["#0b3d66", "#a4161a", "#1d5e20", "#7a4d00", "#4b2a7a"];  // all ≥ 7:1 on white
  const DASHES = ["", "8 4", "2 4", "12 4 2 4", "4 2"];  // not colour alone
  const W = 720, H = 300, M = { top: 20, right: 40, bottom: 48, left: 56 };

  const form = document.getElementById("stats-form");
  const statusLine = document.getElementById("stats-status");

  function isoDate(d) {
    return d.toISOString().slice(0, 10);
  }

  function weekRanges(count) {
    const today = new Date();
    const end = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate()));
    const ranges = [];
    for (let i = count - 1; i >= 0; i--) {
      const to = new Date(end.getTime() - i * 7 * 86400000);
      const from = new Date(to.getTime() - 6 * 86400000);
      ranges.push({ from: isoDate(from), to: isoDate(to) });
    }
    return ranges;
  }

  function shortDate(iso) {
    const d = new Date(iso + "T00:00:00Z");
    return d.toLocaleDateString("sv-SE", { day: "numeric", month: "short", timeZone: "UTC" });
  }

  function el(name, attrs, text) {
    const node = document.createElementNS(SVG, name);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  // series: [{name, values: [number|null]}]; labels: x labels; yMax; yFormat(v) → string;
  // withLegend: list the series names under the chart (colour swatch + name);
  // describedBy: id of the element with the same numbers as text.
  function lineChart(container, title, labels, series, yMax, yFormat, withLegend, describedBy) {
    container.textContent = "";
    const svg = el("svg", { viewBox: "0 0 " + W + " " + H, class: "chart", role: "img", "aria-label": title });
    if (describedBy) svg.setAttribute("aria-describedby", describedBy);
    const plotW = W - M.left - M.right, plotH = H - M.top - M.bottom;
    const x = function (i) { return M.left + (labels.length === 1 ? plotW / 2 : (i * plotW) / (labels.length - 1)); };
    const y = function (v) { return M.top + plotH - (v / yMax) * plotH; };
    for (let t = 0; t <= 4; t++) {
      const v = (yMax * t) / 4;
      svg.appendChild(el("line", { x1: M.left, x2: W - M.right, y1: y(v), y2: y(v), stroke: "#c8c8c8" }));
      svg.appendChild(el("text", { x: M.left - 8, y: y(v) + 5, "text-anchor": "end" }, yFormat(v)));
    }
    labels.forEach(function (label, i) {
      svg.appendChild(el("text", { x: x(i), y: H - M.bottom + 22, "text-anchor": "middle" }, label));
    });
    series.forEach(function (s, k) {
      let d = "";
      s.values.forEach(function (v, i) {
        if (v === null || v === undefined) return;
        d += (d && s.values[i - 1] !== null && s.values[i - 1] !== undefined ? " L" : " M") + x(i) + " " + y(v);
        svg.appendChild(el("circle", { cx: x(i), cy: y(v), r: 4, fill: COLOURS[k % COLOURS.length] }));
      });
      if (d) {
        svg.appendChild(el("path", {
          d: d.trim(), fill: "none", stroke: COLOURS[k % COLOURS.length], "stroke-width": 3,
          "stroke-dasharray": DASHES[k % DASHES.length],
        }));
      }
    });
    container.appendChild(svg);
    if (withLegend) {
      const legend = document.createElement("ul");
      legend.className = "legend";
      series.forEach(function (s, k) {
        const item = document.createElement("li");
        const swatch = document.createElement("span");
        swatch.className = "swatch";
        swatch.style.background = COLOURS[k % COLOURS.length];
        item.appendChild(swatch);
        item.appendChild(document.createTextNode(s.name));
        legend.appendChild(item);
      });
      container.appendChild(legend);
    }
  }

  function percent(v) {
    return v === null || v === undefined ? "–" : Math.round(v * 100) + " %";
  }

  function fillTable(weeks) {
    const body = document.querySelector("#stats-table tbody");
    body.textContent = "";
    weeks.forEach(function (w) {
      const row = document.createElement("tr");
      const breaches = w.stats.sla_breaches.first_response + w.stats.sla_breaches.resolution;
      const median = w.stats.median_first_response_minutes;
      [
        w.from, w.stats.conversations, percent(w.stats.automation_rate), w.stats.tickets,
        percent(w.stats.fallback_rate), median === null ? "–" : Math.round(median) + " min", breaches,
      ].forEach(function (value) {
        const cell = document.createElement("td");
        cell.textContent = String(value);
        row.appendChild(cell);
      });
      body.appendChild(row);
    });
  }

  // The topics chart's text alternative: one row per topic, one column per week, and the total.
  function fillTopicsTable(weeks, series) {
    const table = document.getElementById("topics-table");
    const head = table.querySelector("thead tr");
    const body = table.querySelector("tbody");
    head.textContent = "";
    body.textContent = "";
    ["Ämne"].concat(weeks.map(function (w) { return "Vecka från " + w.from; }), ["Totalt"]).forEach(function (title) {
      const cell = document.createElement("th");
      cell.scope = "col";
      cell.textContent = title;
      head.appendChild(cell);
    });
    series.forEach(function (s) {
      const row = document.createElement("tr");
      const name = document.createElement("th");
      name.scope = "row";
      name.textContent = s.name;
      row.appendChild(name);
      s.values.concat([s.values.reduce(function (a, b) { return a + b; }, 0)]).forEach(function (value) {
        const cell = document.createElement("td");
        cell.textContent = String(value);
        row.appendChild(cell);
      });
      body.appendChild(row);
    });
    if (!series.length) {
      const row = document.createElement("tr");
      const cell = document.createElement("td");
      cell.colSpan = weeks.length + 2;
      cell.textContent = "Inga ämnen under perioden.";
      row.appendChild(cell);
      body.appendChild(row);
    }
  }

  async function load(weekCount) {
    statusLine.textContent = "Hämtar statistik …";
    const ranges = weekRanges(weekCount);
    try {
      const weeks = await Promise.all(ranges.map(async function (r) {
        const response = await fetch("/api/v1/stats?from=" + r.from + "&to=" + r.to, {
          credentials: "same-origin", headers: { "Accept": "application/json" },
        });
        if (!response.ok) throw new Error("HTTP " + response.status);
        return { from: r.from, to: r.to, stats: await response.json() };
      }));
      const labels = weeks.map(function (w) { return shortDate(w.from); });
      lineChart(
        document.getElementById("chart-automation"), "Automatiseringsgrad per vecka", labels,
        [{ name: "Automatiseringsgrad", values: weeks.map(function (w) { return w.stats.automation_rate; }) }],
        1, function (v) { return Math.round(v * 100) + " %"; }, false, "h-table"
      );
      // `topic_counts` has every product topic of each week, so a topic missing there was
      // really not asked about that week (`top_topics` stops at ten).
      const totals = {};
      weeks.forEach(function (w) {
        w.stats.topic_counts.forEach(function (t) { totals[t.topic] = (totals[t.topic] || 0) + t.count; });
      });
      const top = Object.keys(totals).sort(function (a, b) {
        return totals[b] - totals[a] || (a < b ? -1 : 1);
      }).slice(0, 5);
      const series = top.map(function (topic) {
        return {
          name: topic,
          values: weeks.map(function (w) {
            const hit = w.stats.topic_counts.find(function (t) { return t.topic === topic; });
            return hit ? hit.count : 0;
          }),
        };
      });
      const max = Math.max(4, ...series.flatMap(function (s) { return s.values; }));
      const topics = document.getElementById("chart-topics");
      if (series.length) {
        lineChart(topics, "Vanligaste ämnen per vecka", labels, series, Math.ceil(max / 4) * 4,
          function (v) { return String(Math.round(v)); }, true, "topics-table-caption");
      } else {
        topics.textContent = "Inga ämnen under perioden.";
      }
      fillTopicsTable(weeks, series);
      fillTable(weeks);
      statusLine.textContent = "Visar " + weeks.length + " veckor, " + weeks[0].from + " – " + weeks[weeks.length - 1].to + ".";
    } catch (e) {
      statusLine.textContent = "Kunde inte hämta statistiken (" + e.message + ").";
    }
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    load(Number(document.getElementById("s-weeks").value));
  });
  load(8);
})();
