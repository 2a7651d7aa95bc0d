// The history page's chart: ECharts (vendored in echarts/, no network), from the JSON the
// page carries in the holder's data-chart (an attribute: escaped as any text of the page).
// Without script the table below it shows the same numbers.
(function () {
  var holder = document.getElementById("chart");
  if (!holder || !holder.dataset.chart || !window.echarts) return;
  var data = JSON.parse(holder.dataset.chart);
  var chart = echarts.init(holder, null, {renderer: "svg"});
  chart.setOption({
    title: {text: data.title, left: "center", textStyle: {fontSize: 15}},
    tooltip: {trigger: "axis"},
    legend: {bottom: 0},
    grid: {left: 60, right: 30, top: 50, bottom: 50},
    xAxis: {type: "category", data: data.periods},
    yAxis: {type: "value"},
    series: data.series.map(function (s) {
      return {name: s.name, type: "bar", data: s.data, label: {show: true, position: "top"}};
    })
  });
  window.addEventListener("resize", function () { chart.resize(); });
})();
