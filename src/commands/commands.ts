/* The ribbon button only opens the task pane; the function file has nothing else to register. */
Office.onReady(() => undefined);
