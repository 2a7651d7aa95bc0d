// The result page embeds its files as data: links; browsers cap such a link's length (about
// 2 MB in Chrome), so each is turned into a blob: link here. Without script the data: link
// still works for files of ordinary size.
document.querySelectorAll("a.download[href^='data:']").forEach(function (a) {
  var href = a.getAttribute("href");
  var comma = href.indexOf(",");
  var type = href.slice(5, href.indexOf(";"));
  var bytes = atob(href.slice(comma + 1));
  var buffer = new Uint8Array(bytes.length);
  for (var i = 0; i < bytes.length; i++) buffer[i] = bytes.charCodeAt(i);
  a.href = URL.createObjectURL(new Blob([buffer], {type: type}));
});
// Submitting can take a few seconds (a PDF more): say so on the button. A download (新建数据表)
// leaves the page as it is, so its button is left alone.
document.querySelectorAll("form:not([data-download])").forEach(function (form) {
  form.addEventListener("submit", function () {
    var button = form.querySelector("button");
    button.disabled = true;
    button.textContent = "处理中，请稍候……";
    window.setTimeout(function () {
      button.disabled = false;
      button.textContent = button.dataset.label;
    }, 30000);
  });
});
// The file pickers: the chosen file's name in place of the browser's own words.
document.querySelectorAll("label.file input[type=file]").forEach(function (input) {
  var picker = input.parentNode;
  var chosen = picker.querySelector(".chosen");
  function show() {
    var file = input.files && input.files[0];
    chosen.textContent = file ? "已选：" + file.name : "未选择文件";
    picker.classList.toggle("has-file", !!file);
  }
  input.addEventListener("change", show);
  show();  // a file kept by the browser when going back to the page
});
