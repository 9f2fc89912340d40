// Injected into a copy of a page by BrowserLayout (FOTATestSupport), which shows it in an iframe
// as wide as the reader's screen: once laid out, lists what that reader would see broken, as
// JSON in a pre element of the page around the iframe (or of the page itself).
(function () {
  var viewport = document.documentElement.clientWidth;
  var problems = [];
  var width = Math.max(document.documentElement.scrollWidth, document.body.scrollWidth);
  if (width > viewport) problems.push("the page is " + width + " px wide in a " + viewport + " px window");

  function describe(element) {
    var text = (element.textContent || "").replace(/\s+/g, " ").trim().slice(0, 50);
    return element.tagName.toLowerCase() + (element.id ? "#" + element.id : "") + " \"" + text + "\"";
  }
  function scrolls(element) {
    for (var parent = element.parentElement; parent; parent = parent.parentElement) {
      var overflow = getComputedStyle(parent).overflowX;
      if (overflow === "auto" || overflow === "scroll") return true;
    }
    return false;
  }
  function hasText(element) {
    return Array.prototype.some.call(element.childNodes, function (node) {
      return node.nodeType === 3 && node.textContent.trim();
    });
  }

  document.querySelectorAll("body *").forEach(function (element) {
    if (element instanceof SVGElement || !hasText(element)) return;
    var style = getComputedStyle(element);
    if (style.display === "none" || style.visibility === "hidden") return;
    var box = element.getBoundingClientRect();
    if (box.width === 0 && box.height === 0) return;
    if (element.clientWidth > 0 && element.scrollWidth > element.clientWidth + 1 && style.overflowX === "visible") {
      problems.push("text overflows its box: " + describe(element));
    }
    if (!scrolls(element) && (box.right > viewport + 1 || box.left < -1)) {
      problems.push("text outside the window: " + describe(element));
    }
  });

  document.querySelectorAll("svg text").forEach(function (text) {
    var svg = text.ownerSVGElement;
    var frame = svg.getBoundingClientRect();
    var viewBox = svg.viewBox && svg.viewBox.baseVal;
    var scale = viewBox && viewBox.width ? frame.width / viewBox.width : 1;
    var size = parseFloat(getComputedStyle(text).fontSize) * scale;
    if (size < 10) problems.push("chart label of " + size.toFixed(1) + " px: " + describe(text));
    var box = text.getBoundingClientRect();
    if (box.left < frame.left - 1 || box.right > frame.right + 1 || box.top < frame.top - 1 || box.bottom > frame.bottom + 1) {
      problems.push("chart label clipped: " + describe(text));
    }
  });

  var host = window.parent !== window ? window.parent.document : document;
  var out = host.createElement("pre");
  out.id = "layout-check";
  out.textContent = JSON.stringify(problems);
  host.body.appendChild(out);
})();
