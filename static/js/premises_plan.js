// Floor plan editor: place rooms and desks on the plan image, in percent of its size.
// Choose an item in the list, then drag a rectangle (or click) on the plan; drag a shape to move it.
// Every change is posted at once to the page's data-position-url (one room or desk per request).
(function () {
  "use strict";
  var plan = document.getElementById("plan-editor");
  if (!plan) { return; }
  var list = document.getElementById("plan-items");
  var removeButton = document.getElementById("plan-remove");
  var statusBox = document.getElementById("plan-status");
  var url = plan.dataset.positionUrl;
  var csrf = JSON.parse(document.body.getAttribute("hx-headers") || "{}")["X-CSRFToken"] || "";
  var DEFAULT_SIZE = { room: { w: 12, h: 16 }, desk: { w: 4, h: 6 } };
  var selected = null; // {kind, id, label}
  var drag = null;

  function clamp(value, min, max) { return Math.min(Math.max(value, min), max); }
  function round(value) { return Math.round(value * 100) / 100; }
  function pointer(event) {
    var box = plan.getBoundingClientRect();
    return {
      x: clamp((event.clientX - box.left) * 100 / box.width, 0, 100),
      y: clamp((event.clientY - box.top) * 100 / box.height, 0, 100)
    };
  }
  function shapeOf(kind, id) { return plan.querySelector('.plan-spot[data-kind="' + kind + '"][data-id="' + id + '"]'); }
  function itemOf(kind, id) { return list ? list.querySelector('[data-kind="' + kind + '"][data-id="' + id + '"]') : null; }
  function rectOf(shape) {
    return {
      x: parseFloat(shape.style.left), y: parseFloat(shape.style.top),
      w: parseFloat(shape.style.width), h: parseFloat(shape.style.height)
    };
  }
  function place(shape, rect) {
    shape.style.left = rect.x + "%"; shape.style.top = rect.y + "%";
    shape.style.width = rect.w + "%"; shape.style.height = rect.h + "%";
  }
  function say(text, ok) {
    statusBox.textContent = text;
    statusBox.className = "small mt-2 " + (ok ? "text-success" : "text-danger");
  }
  function select(kind, id) {
    var item = itemOf(kind, id);
    selected = { kind: kind, id: id, label: item ? item.dataset.label : "" };
    plan.querySelectorAll(".plan-spot").forEach(function (s) { s.classList.remove("is-selected"); });
    if (list) { list.querySelectorAll(".list-group-item").forEach(function (i) { i.classList.remove("active"); }); }
    if (item) { item.classList.add("active"); }
    var shape = shapeOf(kind, id);
    if (shape) { shape.classList.add("is-selected"); }
    removeButton.disabled = !shape;
  }
  function save(kind, id, rect) {
    var body = new FormData();
    body.append("kind", kind);
    body.append("id", id);
    if (rect) {
      ["x", "y", "w", "h"].forEach(function (key) { body.append(key, String(round(rect[key]))); });
    }
    return fetch(url, { method: "POST", body: body, headers: { "X-CSRFToken": csrf }, credentials: "same-origin" })
      .then(function (response) { return response.json().then(function (data) { return { ok: response.ok, data: data }; }); })
      .then(function (result) {
        var item = itemOf(kind, id);
        if (result.ok) {
          if (item) { item.querySelector("[data-placed]").textContent = rect ? "✓" : "—"; }
          say("✓", true);
        } else {
          say(plan.dataset.errorText + " " + (result.data.errors || []).join(" "), false);
        }
      })
      .catch(function () { say(plan.dataset.errorText, false); });
  }
  function fit(rect) {
    rect.w = clamp(rect.w, 0.5, 100); rect.h = clamp(rect.h, 0.5, 100);
    rect.x = clamp(rect.x, 0, 100 - rect.w); rect.y = clamp(rect.y, 0, 100 - rect.h);
    return rect;
  }

  if (list) {
    list.addEventListener("click", function (event) {
      var item = event.target.closest(".list-group-item");
      if (item) { select(item.dataset.kind, item.dataset.id); }
    });
  }
  removeButton.addEventListener("click", function () {
    if (!selected) { return; }
    var shape = shapeOf(selected.kind, selected.id);
    if (shape) { shape.remove(); }
    save(selected.kind, selected.id, null);
    removeButton.disabled = true;
  });

  plan.addEventListener("pointerdown", function (event) {
    var shape = event.target.closest(".plan-spot");
    var start = pointer(event);
    event.preventDefault();
    plan.setPointerCapture(event.pointerId);
    if (shape) {
      select(shape.dataset.kind, shape.dataset.id);
      drag = { mode: "move", shape: shape, start: start, rect: rectOf(shape) };
      return;
    }
    if (!selected) { say(document.documentElement.lang === "en" ? "Choose a room or a desk in the list first." : "Choisissez d’abord une salle ou un poste dans la liste.", false); return; }
    var draft = document.createElement("div");
    draft.className = "plan-draft";
    plan.appendChild(draft);
    drag = { mode: "draw", draft: draft, start: start, rect: { x: start.x, y: start.y, w: 0, h: 0 } };
    place(draft, drag.rect);
  });
  plan.addEventListener("pointermove", function (event) {
    if (!drag) { return; }
    var now = pointer(event);
    if (drag.mode === "move") {
      var moved = fit({ x: drag.rect.x + now.x - drag.start.x, y: drag.rect.y + now.y - drag.start.y, w: drag.rect.w, h: drag.rect.h });
      place(drag.shape, moved);
    } else {
      drag.rect = {
        x: Math.min(now.x, drag.start.x), y: Math.min(now.y, drag.start.y),
        w: Math.abs(now.x - drag.start.x), h: Math.abs(now.y - drag.start.y)
      };
      place(drag.draft, drag.rect);
    }
  });
  plan.addEventListener("pointerup", function () {
    if (!drag) { return; }
    var current = drag;
    drag = null;
    if (current.mode === "move") {
      var rect = rectOf(current.shape);
      if (rect.x !== current.rect.x || rect.y !== current.rect.y) { save(current.shape.dataset.kind, current.shape.dataset.id, rect); }
      return;
    }
    current.draft.remove();
    var target = current.rect;
    if (target.w < 1 || target.h < 1) {
      var size = DEFAULT_SIZE[selected.kind];
      target = { x: current.start.x - size.w / 2, y: current.start.y - size.h / 2, w: size.w, h: size.h };
    }
    target = fit(target);
    var shape = shapeOf(selected.kind, selected.id);
    if (!shape) {
      shape = document.createElement("div");
      shape.className = "plan-spot is-editing";
      shape.dataset.kind = selected.kind;
      shape.dataset.id = selected.id;
      shape.textContent = selected.label;
      plan.appendChild(shape);
    }
    place(shape, target);
    select(selected.kind, selected.id);
    save(selected.kind, selected.id, target);
  });
})();
