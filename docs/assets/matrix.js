// The comparison matrix (render/matrix.py), loaded on the comparison page only (overrides/main.html).
//
// Without this script the matrix works already: site.css shows a column while its box is ticked
// and hides unchosen topics. The script adds what CSS cannot:
// - at most four municipalities ticked (data-max); a fifth is unticked again and the status line says why;
// - a municipality after the first six (data-later) gets its column from its own page
//   (kommuner/<id>/, the table under #jamforelse: topic link, what the document says, source),
//   taken from the fetched HTML as nodes, never as a string of markup, its links made absolute.
(function () {
  "use strict";
  var matrix = document.querySelector(".matrix[data-max]");
  if (!matrix) {
    return;
  }
  var max = parseInt(matrix.getAttribute("data-max"), 10);
  var status = matrix.querySelector(".matrix-status");
  var table = matrix.querySelector("table");
  var boxes = Array.prototype.slice.call(matrix.querySelectorAll(".pick-cols input"));

  function say(text) {
    status.textContent = text;
  }

  function cells(doc) {
    // The municipality page's comparison table: the first table after its #jamforelse heading.
    var el = doc.getElementById("jamforelse");
    while (el && !(el.matches("table") || el.querySelector("table"))) {
      el = el.nextElementSibling;
    }
    return el ? (el.matches("table") ? el : el.querySelector("table")) : null;
  }

  function adopt(node, base) {
    var copy = document.importNode(node, true);
    if (copy.nodeType !== 1) {
      return copy;  // text
    }
    [copy].concat(Array.prototype.slice.call(copy.querySelectorAll("*"))).forEach(function (el) {
      if (el.hasAttribute("href")) {
        el.setAttribute("href", new URL(el.getAttribute("href"), base).href);
      }
      el.removeAttribute("title");  // no tooltip set-up, no duplicate ids
      el.removeAttribute("id");
    });
    return copy;
  }

  function addColumn(box) {
    var base = new URL(box.getAttribute("data-page"), location.href);
    var name = box.parentNode.querySelector("label").textContent;
    return fetch(base.href).then(function (response) {
      if (!response.ok) {
        throw new Error(response.status);
      }
      return response.text();
    }).then(function (text) {
      var source = cells(new DOMParser().parseFromString(text, "text/html"));
      if (!source || !box.checked) {
        if (!source) {
          throw new Error("no table");
        }
        return;
      }
      var byTopic = {};
      Array.prototype.forEach.call(source.querySelectorAll("tbody tr"), function (tr) {
        var anchor = tr.querySelector("[id^='amne-']");
        if (anchor) {
          byTopic[anchor.id.slice(5)] = tr.children;
        }
      });
      var th = document.createElement("th");
      th.scope = "col";
      th.setAttribute("data-m", box.value);
      var link = document.createElement("a");
      link.href = base.href + "#jamforelse";
      link.textContent = name;
      th.appendChild(link);
      table.tHead.rows[0].appendChild(th);
      Array.prototype.forEach.call(table.tBodies[0].rows, function (tr) {
        var td = document.createElement("td");
        td.setAttribute("data-m", box.value);
        td.setAttribute("data-label", name);
        var found = byTopic[tr.id.replace(/^rad-/, "")];
        if (found && found.length > 2) {
          Array.prototype.forEach.call(found[1].childNodes, function (n) {
            td.appendChild(adopt(n, base));
          });
          var src = document.createElement("span");
          src.className = "matrix-src";
          Array.prototype.forEach.call(found[2].childNodes, function (n) {
            src.appendChild(adopt(n, base));
          });
          td.appendChild(document.createTextNode(" "));
          td.appendChild(src);
        }
        tr.appendChild(td);
      });
    });
  }

  boxes.forEach(function (box) {
    if (box.hasAttribute("data-later")) {
      box.disabled = false;
    }
    box.addEventListener("change", function () {
      say("");
      var ticked = boxes.filter(function (b) { return b.checked; }).length;
      if (box.checked && ticked > max) {
        box.checked = false;
        say(status.getAttribute("data-full"));
        return;
      }
      if (!box.hasAttribute("data-later")) {
        return;  // a column of the page: site.css shows or hides it
      }
      Array.prototype.forEach.call(table.querySelectorAll("[data-m='" + box.value + "']"), function (el) {
        el.remove();
      });
      if (box.checked) {
        addColumn(box).catch(function () {
          Array.prototype.forEach.call(table.querySelectorAll("[data-m='" + box.value + "']"), function (el) {
            el.remove();
          });
          box.checked = false;
          say(status.getAttribute("data-failed"));
        });
      }
    });
  });
})();
