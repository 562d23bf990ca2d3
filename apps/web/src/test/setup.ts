import "@testing-library/jest-dom/vitest";
import { cleanup, configure } from "@testing-library/react";
import { afterEach, vi } from "vitest";

// jsdom lays nothing out: the layout's scrolling and the error summary's "bring the field
// into view" have nothing to do, but must not throw (jsdom leaves them unimplemented).
window.scrollTo = () => {};
Element.prototype.scrollIntoView = () => {};

// `findBy…` and `waitFor` give up after 1 s by default: too short for a lazy page and its
// first request on a busy 2-core machine. They return as soon as the screen is right.
configure({ asyncUtilTimeout: 5000 });

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});
