/* Behaviour every page shares, kept out of the pages so the Content-Security-Policy can refuse
   inline script (jixiao/web/security.py):
   - the narrow-screen menu folds behind 菜单 (without script it simply stays open);
   - <form data-confirm="…"> asks before it is sent;
   - <select data-submit-on-change> sends its form when changed;
   - <select data-query-param="owner"> reloads the page with ?owner=<value>;
   - <button data-print> prints the page. */
(() => {
  const button = document.querySelector("header .menu-toggle");
  if (button) {
    const header = button.closest("header");
    document.documentElement.classList.add("js");
    const show = open => { header.classList.toggle("open", open); button.setAttribute("aria-expanded", String(open)); };
    button.addEventListener("click", () => show(!header.classList.contains("open")));
    header.addEventListener("keydown", e => {
      if (e.key === "Escape" && header.classList.contains("open")) { show(false); button.focus(); }
    });
  }
  document.addEventListener("submit", e => {
    const question = e.target.dataset && e.target.dataset.confirm;
    if (question && !window.confirm(question)) { e.preventDefault(); e.stopImmediatePropagation(); }
  }, true);
  document.addEventListener("change", e => {
    const el = e.target;
    if (!el.dataset) return;
    if ("submitOnChange" in el.dataset && el.form) el.form.submit();
    if (el.dataset.queryParam) location.search = "?" + encodeURIComponent(el.dataset.queryParam) + "=" + encodeURIComponent(el.value);
  });
  document.addEventListener("click", e => {
    if (e.target.closest && e.target.closest("[data-print]")) window.print();
  });
})();
