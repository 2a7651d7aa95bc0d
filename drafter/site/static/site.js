// The site's pages: the file pickers' chosen names, the browser's form checks in Chinese,
// and a busy button while a form is sent (uploads are checked at once: a few seconds).
// Without script every form still works; the browser then words its own checks.

// A file picker (templates/picker.html): the chosen file's name beside the button.
document.querySelectorAll(".picker input[type=file]").forEach(function (input) {
  var shown = input.closest(".picker").querySelector(".chosen");
  input.addEventListener("change", function () {
    shown.textContent = input.files.length ? input.files[0].name : shown.dataset.none;
    shown.classList.toggle("picked", input.files.length > 0);
  });
});

// The browser's own messages for a required field, a number out of range… follow the
// browser's language; these are the page's.
function problem(field) {
  var v = field.validity;
  if (v.valueMissing) return field.type === "file" ? "请先选择文件。" : "请填写这一项。";
  if (v.rangeUnderflow || v.rangeOverflow) return "应在 " + field.min + " 到 " + field.max + " 之间。";
  if (v.tooShort) return "至少 " + field.minLength + " 个字符（现在 " + field.value.length + " 个）。";
  if (v.badInput || v.typeMismatch || v.patternMismatch || v.stepMismatch) return "格式不对，请重新填写。";
  return "";
}
document.querySelectorAll("input, select, textarea").forEach(function (field) {
  field.addEventListener("invalid", function () { field.setCustomValidity(problem(field)); });
  field.addEventListener("input", function () { field.setCustomValidity(""); });
  field.addEventListener("change", function () { field.setCustomValidity(""); });
});

// Sending: the button that was pressed says so and cannot be pressed twice. It is disabled
// only after the form's fields are gathered, so its name and value (退回 / 通过) still go.
document.querySelectorAll("form").forEach(function (form) {
  form.addEventListener("submit", function (event) {
    var button = event.submitter || form.querySelector("button[type=submit]");
    if (!button || !button.dataset.label) return;  // a quick form (退出, 查看)
    window.setTimeout(function () {
      button.disabled = true;
      button.textContent = "处理中,请稍候……";
    }, 0);
    window.setTimeout(function () {
      button.disabled = false;
      button.textContent = button.dataset.label;
    }, 30000);
  });
});
