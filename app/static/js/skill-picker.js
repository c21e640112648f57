/* Skill autocomplete: an input with data-skill-picker fetches /api/skills?q=... and fills the
   hidden skill_id field of its form. With data-free-text (a label holding %s) the list ends with
   "add what I wrote": it empties skill_id and sets the form's free_text field to 1, so the text is
   kept as written. Keyboard: arrows to move, Enter to choose, Escape to close. */
(function () {
  "use strict";
  function debounce(fn, ms) {
    var t;
    return function () { var a = arguments; clearTimeout(t); t = setTimeout(function () { fn.apply(null, a); }, ms); };
  }
  function setup(input) {
    var form = input.form;
    var hidden = form.querySelector("input[name='skill_id']");
    var free = form.querySelector("input[name='free_text']");
    var list = document.createElement("ul");
    list.className = "list-group position-absolute w-100 shadow-sm skill-picker-list";
    list.setAttribute("role", "listbox");
    list.id = input.id + "-list";
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-controls", list.id);
    input.setAttribute("aria-expanded", "false");
    input.parentNode.style.position = "relative";
    input.parentNode.appendChild(list);
    var active = -1;
    function close() { list.innerHTML = ""; active = -1; input.setAttribute("aria-expanded", "false"); }
    function choose(item) {
      hidden.value = item.dataset.id || "";
      if (free) { free.value = item.dataset.free ? "1" : ""; }
      input.value = item.dataset.label;
      close();
    }
    function option(text, id, label) {
      var li = document.createElement("li");
      li.className = "list-group-item list-group-item-action";
      li.setAttribute("role", "option");
      if (id) { li.dataset.id = id; } else { li.dataset.free = "1"; li.classList.add("fst-italic"); }
      li.dataset.label = label;
      li.textContent = text;
      li.addEventListener("mousedown", function (e) { e.preventDefault(); choose(li); });
      list.appendChild(li);
    }
    function highlight(i) {
      var items = list.querySelectorAll("li");
      items.forEach(function (li, j) { li.classList.toggle("active", j === i); li.setAttribute("aria-selected", j === i); });
      active = i;
    }
    var search = debounce(function (q) {
      fetch(input.dataset.skillPicker + "?q=" + encodeURIComponent(q), { headers: { "Accept": "application/json" } })
        .then(function (r) { return r.json(); })
        .then(function (data) {
          close();
          data.skills.forEach(function (s) {
            option(s.label + (s.matched.toLowerCase() !== s.label.toLowerCase() ? " (" + s.matched + ")" : ""), s.id, s.label);
          });
          var exact = data.skills.some(function (s) { return s.how === "exact"; });
          if (input.dataset.freeText && !exact) { option(input.dataset.freeText.replace("%s", q), "", q); }
          input.setAttribute("aria-expanded", list.children.length ? "true" : "false");
        });
    }, 150);
    input.addEventListener("input", function () { hidden.value = ""; if (free) { free.value = ""; } if (input.value.trim().length >= 2) { search(input.value.trim()); } else { close(); } });
    input.addEventListener("keydown", function (e) {
      var items = list.querySelectorAll("li");
      if (e.key === "ArrowDown" && items.length) { e.preventDefault(); highlight(Math.min(active + 1, items.length - 1)); }
      else if (e.key === "ArrowUp" && items.length) { e.preventDefault(); highlight(Math.max(active - 1, 0)); }
      else if (e.key === "Enter" && active >= 0) { e.preventDefault(); choose(items[active]); }
      else if (e.key === "Escape") { close(); }
    });
    input.addEventListener("blur", function () { setTimeout(close, 150); });
  }
  document.querySelectorAll("input[data-skill-picker]").forEach(setup);
})();
