/*
 * Upload progress for the Log page's "Upload from a watch or an app" form.
 *
 * A whole Strava or Garmin export can be hundreds of megabytes, and a plain form post shows
 * nothing until the server answers. This sends the same form (CSRF token included) with
 * XMLHttpRequest, which reports upload progress, then shows the page the server answers with,
 * exactly as the plain post would have. Served from /static because the Content-Security-Policy
 * allows scripts from this origin only; without JavaScript the form posts as it always did.
 */
(function () {
  "use strict";

  var MB = 1024 * 1024;

  function megabytes(bytes) {
    return (bytes / MB).toFixed(bytes < 10 * MB ? 1 : 0);
  }

  function say(status, text, problem) {
    status.textContent = text;
    status.setAttribute("role", problem ? "alert" : "status");
    status.className = problem ? "problem" : "";
  }

  // Replace the page with the server's answer (the Log page with the import summary, or the
  // same page with a message saying what was wrong). Scripts in it are not run again, so the
  // new form is enhanced here.
  function showPage(html) {
    var answer = new DOMParser().parseFromString(html, "text/html");
    if (!answer.body || !answer.querySelector("main")) {
      return false;
    }
    document.title = answer.title;
    document.body.replaceWith(document.adoptNode(answer.body));
    enhance();
    var news = document.querySelector("main [role=status], main [role=alert]");
    if (news) {
      news.setAttribute("tabindex", "-1");
      news.focus();
    }
    return true;
  }

  function enhance() {
    var form = document.querySelector("form[data-upload-progress]");
    if (!form || !window.FormData || !window.DOMParser || !window.XMLHttpRequest) {
      return;
    }
    if (!("upload" in new XMLHttpRequest())) {
      return;
    }
    var box = document.getElementById(form.getAttribute("data-upload-progress"));
    var bar = box && box.querySelector("progress");
    var status = box && box.querySelector("[data-upload-status]");
    var button = form.querySelector("button[type=submit]");
    if (!bar || !status || !button) {
      return;
    }

    function stopped(text) {
      bar.hidden = true;
      say(status, text, true);
      button.disabled = false;
    }

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      if (button.disabled) {
        return; // already uploading
      }
      var request = new XMLHttpRequest();
      var data = new FormData(form);
      button.disabled = true;
      box.hidden = false;
      bar.hidden = false;
      bar.max = 100;
      bar.value = 0;
      bar.textContent = "0%";
      say(status, "Starting the upload…", false);

      request.upload.addEventListener("progress", function (progress) {
        if (!progress.lengthComputable || progress.total === 0) {
          say(status, "Uploading: " + megabytes(progress.loaded) + " MB sent…", false);
          return;
        }
        var percent = Math.floor((progress.loaded * 100) / progress.total);
        bar.value = percent;
        bar.textContent = percent + "%";
        say(
          status,
          "Uploading: " + percent + "% (" + megabytes(progress.loaded) + " of " +
            megabytes(progress.total) + " MB)",
          false
        );
      });
      request.upload.addEventListener("load", function () {
        bar.removeAttribute("value"); // no measure of the import itself: an indeterminate bar
        bar.textContent = "";
        say(
          status,
          "Uploaded. Importing your sessions: keep this page open until the summary appears.",
          false
        );
      });
      request.addEventListener("load", function () {
        var type = request.getResponseHeader("Content-Type") || "";
        if (type.indexOf("text/html") === 0 && showPage(request.responseText)) {
          return;
        }
        if (request.status === 413) {
          stopped(
            "The upload is larger than this server accepts. Upload fewer files at once, " +
              "or ask whoever runs niggle to raise NIGGLE_WEB_MAX_UPLOAD_MB."
          );
          return;
        }
        stopped(
          "The server could not take the upload (error " + request.status + "). " +
            "Reload the page and try again."
        );
      });
      request.addEventListener("error", function () {
        stopped("The upload stopped: the connection was lost. Check it and try again.");
      });
      request.addEventListener("abort", function () {
        stopped("The upload was cancelled. Choose the files and try again.");
      });
      request.open("POST", form.action);
      request.send(data);
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", enhance);
  } else {
    enhance();
  }
})();
