// antd's InputNumber (rc-input-number) names its up and down handlers "Increase Value" and
// "Decrease Value", fixed in English with no prop nor locale entry to change them: name them in
// the chosen language as they appear. React leaves the attribute alone afterwards (its prop never
// changes), and setting an attribute is no change of children, so the observer does not loop.
const up = ".ant-input-number-action-up";
const down = ".ant-input-number-action-down";

function label(root: ParentNode, selector: string, text: string) {
  if (root instanceof Element && root.matches(selector)) root.setAttribute("aria-label", text);
  root.querySelectorAll(selector).forEach((handler) => {
    if (handler.getAttribute("aria-label") !== text) handler.setAttribute("aria-label", text);
  });
}

/** Names every number input's step handlers, now and as they appear; returns the stop. */
export function nameStepHandlers(increase: string, decrease: string): () => void {
  const name = (root: ParentNode) => {
    label(root, up, increase);
    label(root, down, decrease);
  };
  name(document);
  const observer = new MutationObserver((records) => {
    for (const record of records) {
      record.addedNodes.forEach((node) => {
        if (node instanceof Element) name(node);
      });
    }
  });
  observer.observe(document.body, { childList: true, subtree: true });
  return () => observer.disconnect();
}
