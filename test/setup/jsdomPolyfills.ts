/**
 * jsdom implements no layout, so it has no ResizeObserver, which Fluent UI's MessageBar uses to
 * reflow its actions. A browser always has one; this stand-in observes nothing (there is no layout
 * to observe) and exists only in the jsdom test environment.
 */
if (typeof window !== "undefined" && typeof window.ResizeObserver === "undefined") {
  class NoLayoutResizeObserver {
    observe(): void {}
    unobserve(): void {}
    disconnect(): void {}
  }
  (window as unknown as { ResizeObserver: unknown }).ResizeObserver = NoLayoutResizeObserver;
}
