// Drag-and-drop onto the upload form; the form works without this script.
(function () {
  var drop = document.getElementById("drop");
  var input = document.getElementById("workbook");
  if (!drop || !input) { return; }
  ["dragenter", "dragover"].forEach(function (e) {
    drop.addEventListener(e, function (ev) { ev.preventDefault(); drop.classList.add("over"); });
  });
  ["dragleave", "drop"].forEach(function (e) {
    drop.addEventListener(e, function (ev) { ev.preventDefault(); drop.classList.remove("over"); });
  });
  drop.addEventListener("drop", function (ev) {
    if (ev.dataTransfer && ev.dataTransfer.files.length > 0) {
      input.files = ev.dataTransfer.files;
    }
  });
})();
