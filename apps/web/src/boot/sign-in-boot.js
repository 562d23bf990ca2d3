// The sign-in page's HTML is in the document (ADR 026): the form shows at the first paint,
// before the app's code has loaded. This script, run as soon as the form is parsed:
// - makes that form safe to use at once. A submission made before the app has taken the
//   form over is held, never sent by the browser (a plain submission would put the
//   password in the address), and marked: the app sends it when it starts, with what was
//   typed. Once the app owns the form, its own handler cancels the browser's submission
//   first and this one lets it be. The button is rendered disabled: until now, nothing
//   could hold a submission;
// - starts the app (its module, in `data-app`) once the page is on screen, in the task
//   after the first frame: fetched earlier, it delayed the first paint (issue 17).
// Short names: every byte of it comes before the page is usable (the comments are left
// out of the build by scripts/prerender.mjs).
(() => {
  const app = document.currentScript.dataset.app;
  const start = () => {
    const s = document.createElement("script");
    s.type = "module";
    s.src = app;
    document.head.append(s);
  };
  document.hidden ? start() : requestAnimationFrame(() => setTimeout(start));
  const f = document.querySelector("#root form");
  if (!f) return;
  addEventListener("submit", (e) => {
    if (e.target !== f || e.defaultPrevented) return;
    e.preventDefault();
    f.setAttribute("data-pending", "");
  });
  f.querySelector("[type=submit]").disabled = false;
})();
