// Live progress on /test/{id}: polls the test's status and reloads the page when it is done.
// The page works without this script (a <noscript> refresh); nothing here is needed to read it.
(function () {
  "use strict";
  var box = document.getElementById("progress");
  if (!box || !window.fetch) return;
  var id = box.getAttribute("data-test");
  var timeout = parseInt(box.getAttribute("data-timeout"), 10) || 60;
  var status = box.querySelector(".status");
  var bar = document.createElement("progress");
  bar.max = timeout;
  bar.value = 0;
  box.insertBefore(bar, status.nextSibling);
  var started = Date.now();
  function show(state, done) {
    var seconds = Math.round((Date.now() - started) / 1000);
    bar.value = Math.min(seconds, timeout);
    status.textContent = state === "queued"
      ? "Waiting for a free tester… (" + seconds + " s)"
      : "Running the checks… (" + seconds + " s of at most " + timeout + " s)";
    // Each check family: "done" once the server says it finished, else the test's state.
    var items = box.querySelectorAll(".families li");
    for (var i = 0; i < items.length; i++) {
      var family = items[i].getAttribute("data-family");
      var finished = done && done.indexOf(family) >= 0;
      items[i].querySelector("span").textContent = finished ? "done" : state;
    }
  }
  function poll() {
    fetch("/api/v1/tests/" + encodeURIComponent(id), { headers: { "Accept": "application/json" } })
      .then(function (r) { return r.json(); })
      .then(function (test) {
        if (test.status === "done" || test.status === "error") {
          window.location.reload();
          return;
        }
        show(test.status, test.families_done);
        window.setTimeout(poll, 1000);
      })
      .catch(function () { window.setTimeout(poll, 3000); });
  }
  poll();
})();

// CSV upload on the list pages: a chosen file's text goes into the form's textarea (the field
// named by data-fills), where it can be read before it is sent; without scripts, pasting works.
(function () {
  "use strict";
  var kMaxBytes = 4 * 1024 * 1024;  // the list routes refuse larger bodies anyway
  var inputs = document.querySelectorAll("input[type=file][data-fills]");
  for (var i = 0; i < inputs.length; i++) {
    inputs[i].addEventListener("change", function (event) {
      var input = event.target;
      var target = document.getElementById(input.getAttribute("data-fills"));
      var file = input.files && input.files[0];
      if (!target || !file || !window.FileReader) return;
      if (file.size > kMaxBytes) {
        target.value = "";
        input.setCustomValidity("The file is larger than 4 MiB.");
        input.reportValidity();
        return;
      }
      input.setCustomValidity("");
      var reader = new FileReader();
      reader.onload = function () { target.value = reader.result; };
      reader.readAsText(file);
    });
  }
})();
