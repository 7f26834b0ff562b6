// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";
  // Embedded video loads only when the visitor asks for it (privacy: no third party by default).
  document.querySelectorAll("[data-embed]").forEach(function (figure) {
    var template = figure.querySelector("[data-embed-template]");
    var consent = figure.querySelector(".embed-consent");
    if (!template || !consent) return;
    consent.hidden = false;
    consent.querySelector("[data-embed-load]").addEventListener("click", function () {
      var holder = document.createElement("div");
      holder.className = "embed-frame";
      holder.innerHTML = template.innerHTML;
      consent.replaceWith(holder);
      var frame = holder.querySelector("iframe");
      if (frame) frame.focus();
    });
  });
})();
