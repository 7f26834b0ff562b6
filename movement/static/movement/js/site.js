// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  // The phone menu: without JS the "Menu" link opens it with :target; with JS a real disclosure button.
  var menuButton = document.querySelector(".menu-button");
  var menu = document.getElementById("site-menu");
  if (menuButton && menu) {
    var setOpen = function (open) {
      menuButton.setAttribute("aria-expanded", open ? "true" : "false");
      menu.classList.toggle("is-open", open);
    };
    menuButton.addEventListener("click", function () {
      setOpen(menuButton.getAttribute("aria-expanded") !== "true");
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && menu.classList.contains("is-open")) {
        setOpen(false);
        menuButton.focus();
      }
    });
    if (location.hash === "#site-menu") setOpen(true);
  }

  // Filters sit behind a disclosure on phones; on wide screens CSS shows them, and here they are
  // opened for real, so that assistive technology reports them as open too.
  var wide = window.matchMedia("(min-width: 48rem)");
  var openFilters = function () {
    if (!wide.matches) return;
    document.querySelectorAll(".filter-disclosure").forEach(function (disclosure) {
      disclosure.open = true;
    });
  };
  openFilters();
  wide.addEventListener("change", openFilters);

  // After a failed submit the error summary takes focus (autofocus does the same without JS).
  var summary = document.querySelector(".error-summary[tabindex]");
  if (summary && document.activeElement !== summary) summary.focus();

  // An error link moves focus to its field and shows the field's label with it.
  document.querySelectorAll(".error-summary a[href^='#']").forEach(function (link) {
    link.addEventListener("click", function (event) {
      var field = document.getElementById(link.getAttribute("href").slice(1));
      if (!field) return;
      event.preventDefault();
      var label = document.querySelector("label[for='" + field.id + "']") || field;
      var holder = field.closest(".form-field") || label;
      holder.scrollIntoView({ block: "start" });
      field.focus({ preventScroll: true });
    });
  });

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
