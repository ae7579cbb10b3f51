// officemgr: small behaviours shared by every page.
(function () {
  "use strict";
  // Show a message instead of failing silently when an HTMX request errors.
  document.body.addEventListener("htmx:responseError", function (event) {
    var status = event.detail.xhr ? event.detail.xhr.status : 0;
    var box = document.getElementById("htmx-error");
    if (!box) {
      box = document.createElement("div");
      box.id = "htmx-error";
      box.className = "alert alert-danger position-fixed bottom-0 end-0 m-3";
      box.setAttribute("role", "alert");
      document.body.appendChild(box);
    }
    box.textContent = document.documentElement.lang === "en"
      ? "The action could not be completed (error " + status + "). Please reload the page."
      : "L’action n’a pas pu aboutir (erreur " + status + "). Rechargez la page.";
  });
})();
