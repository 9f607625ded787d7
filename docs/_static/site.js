/* The menu buttons (☰ and the page-contents button) work at every width.
 *
 * pydata-sphinx-theme binds its drawer (and sphinx-book-theme its wide-screen collapse) to the first
 * .primary-toggle / .secondary-toggle of the page only, which is a hidden button in the top bar; the visible
 * buttons of the article header get no listener, so on a phone no menu opens (pydata-sphinx-theme issue 2451).
 * A click on any other toggle is handed to that first one, which opens the drawer (narrow) or folds the
 * sidebar (wide) exactly as the theme means to. A link in an open drawer closes it on its way: a section of
 * the page then shows at once instead of behind the drawer. 讲话原文's jump menu closes the same way, and on a tap
 * anywhere else.
 */
"use strict";
document.addEventListener("click", (event) => {
  const jump = document.querySelector("details.speech-jump[open]");
  if (jump && (!jump.contains(event.target) || event.target.closest("a[href]"))) jump.open = false;
  const link = event.target.closest("dialog[open] a[href]");
  if (link) {
    const drawer = link.closest("dialog");
    const here = new URL(link.href, location.href);
    if (here.pathname === location.pathname && here.hash) {
      event.preventDefault();
      drawer.close();
      location.hash = here.hash;
    }
    return;
  }
  const button = event.target.closest(".primary-toggle, .secondary-toggle");
  if (!button) return;
  const kind = button.classList.contains("primary-toggle") ? ".primary-toggle" : ".secondary-toggle";
  const bound = document.querySelector(kind);
  if (!bound || bound === button) return;
  event.preventDefault();
  event.stopPropagation();
  bound.click();
});
