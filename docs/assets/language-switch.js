// Switching language keeps your place. The switcher links to the same page in the other
// language; this adds the clause or heading anchor (#...) you are reading, which is the same
// in both languages. Material's own handler for these links drops the anchor, so the click
// is taken over in the capture phase, before it reaches Material.
document.addEventListener("click", function (event) {
  var link = event.target.closest("a.md-select__link[hreflang]");
  if (!link || !window.location.hash || event.ctrlKey || event.metaKey || event.shiftKey) {
    return;
  }
  event.preventDefault();
  event.stopPropagation();
  window.location.href = link.href.split("#")[0] + window.location.hash;
}, true);
