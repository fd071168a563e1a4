// fnlint HTML report: treemaps of each package's unpacked bytes by folder.
// Reads the JSON in #fnlint-data; never uses innerHTML, so names from
// archives stay text. When done it sets data-fnlint-status on <body> to
// "ok N" (N treemap rectangles drawn) or to "error: ..." (tests read it).
(function () {
  'use strict';
  var body = document.body;
  window.addEventListener('error', function (e) {
    body.setAttribute('data-fnlint-status', 'error: ' + e.message);
  });

  var data = JSON.parse(document.getElementById('fnlint-data').textContent);
  var tip = document.createElement('div');
  tip.id = 'tm-tip';
  tip.hidden = true;
  body.appendChild(tip);

  function human(n) {
    var units = ['B', 'KB', 'MB', 'GB', 'TB'], i = 0;
    while (n >= 1024 && i < units.length - 1) { n /= 1024; i++; }
    return (i ? n.toFixed(1) : String(n)) + ' ' + units[i];
  }

  // Folders arrive as [path, bytes, ownBytes, files], parents first. Every
  // folder gets its sub-folders as children plus two leaves: files directly
  // inside, and "(other)" for sub-folders too small or too deep to list.
  function buildTree(folders) {
    var byPath = {}, root = null;
    folders.forEach(function (f) {
      var node = { name: f[0], path: f[0], value: f[1], own: f[2], files: f[3], children: [] };
      byPath[f[0]] = node;
      if (f[0] === '') { node.name = '/'; root = node; return; }
      var cut = f[0].lastIndexOf('/');
      var parent = byPath[cut < 0 ? '' : f[0].slice(0, cut)];
      node.name = f[0].slice(cut + 1);
      node.parent = parent;
      parent.children.push(node);
    });
    (function finish(node) {
      var listed = 0;
      node.children.forEach(function (c) { listed += c.value; finish(c); });
      var rest = node.value - node.own - listed;
      if (node.children.length && node.own > 0)
        node.children.push({ name: '(files)', path: node.path, value: node.own, leaf: 'own', parent: node });
      if (rest > 0)
        node.children.push({ name: '(other)', path: node.path, value: rest, leaf: 'rest', parent: node });
      node.children.sort(function (a, b) { return b.value - a.value; });
    })(root);
    return root;
  }

  // Squarified treemap layout (Bruls, Huizing, van Wijk): rows along the
  // shorter side, a row grows while its worst aspect ratio improves.
  function squarify(items, x, y, w, h) {
    var out = [], total = 0, i = 0;
    items.forEach(function (it) { total += it.value; });
    if (total <= 0 || w <= 0 || h <= 0) return out;
    var scale = (w * h) / total;
    function worst(row, sum, side) {
      var max = 0;
      row.forEach(function (a) {
        var r = Math.max((side * side * a) / (sum * sum), (sum * sum) / (side * side * a));
        if (r > max) max = r;
      });
      return max;
    }
    while (i < items.length) {
      var side = Math.min(w, h), row = [], areas = [], sum = 0, best = Infinity;
      while (i < items.length) {
        var a = items[i].value * scale;
        var next = worst(areas.concat([a]), sum + a, side);
        if (row.length && next > best) break;
        row.push(items[i]); areas.push(a); sum += a; best = next; i++;
      }
      var thick = sum / side, off = 0;
      row.forEach(function (it, k) {
        var len = areas[k] / thick;
        if (w >= h) out.push({ item: it, x: x, y: y + off, w: thick, h: len });
        else out.push({ item: it, x: x + off, y: y, w: len, h: thick });
        off += len;
      });
      if (w >= h) { x += thick; w -= thick; } else { y += thick; h -= thick; }
    }
    return out;
  }

  function colour(index, depth) {
    var hue = (index * 47 + 205) % 360;
    return 'hsl(' + hue + ', 48%, ' + (72 - depth * 9) + '%)';
  }

  function describe(node, pkg) {
    var path = node.path === '' ? '/' : node.path + '/';
    if (node.leaf === 'own') path += ' (files directly inside)';
    if (node.leaf === 'rest') path += ' (folders too small or too deep to list)';
    var lines = [pkg.name + '!/' + path.replace(/^\//, ''),
      human(node.value) + ' (' + node.value.toLocaleString('en-US') + ' bytes)',
      (100 * node.value / data.limit).toFixed(1) + '% of the ' + human(data.limit) + ' unzipped limit'];
    if (node.files) lines.push(node.files + ' files');
    return lines.join('\n');
  }

  function Treemap(box, crumbs, pkg) {
    this.box = box; this.crumbs = crumbs; this.pkg = pkg;
    this.root = buildTree(pkg.folders);
    this.show(this.root);
  }

  Treemap.prototype.show = function (node) {
    this.current = node;
    while (this.box.firstChild) this.box.removeChild(this.box.firstChild);
    this.draw(node, 0, 0, this.box.clientWidth, this.box.clientHeight, 0, 0);
    this.drawCrumbs(node);
  };

  // Draws the children of node in the rectangle, and their children one
  // level down where there is room, so the structure shows at a glance.
  Treemap.prototype.draw = function (node, x, y, w, h, depth, hue) {
    var self = this;
    squarify(node.children.filter(function (c) { return c.value > 0; }), x, y, w, h).forEach(function (r, k) {
      var c = r.item, el = document.createElement('div');
      var tone = depth ? hue : k;
      el.className = 'tm-node' + (c.leaf ? ' ' + c.leaf : '') + (c.children && c.children.length ? ' folder' : '');
      el.style.left = r.x + 'px'; el.style.top = r.y + 'px';
      el.style.width = r.w + 'px'; el.style.height = r.h + 'px';
      if (!c.leaf) el.style.background = colour(tone, depth);
      if (r.w > 40 && r.h > 14) {
        var label = document.createElement('div');
        label.className = 'tm-label';
        label.textContent = c.name + ' ' + human(c.value);
        el.appendChild(label);
      }
      el.addEventListener('mousemove', function (e) {
        e.stopPropagation();
        tip.textContent = describe(c, self.pkg);
        tip.hidden = false;
        tip.style.left = Math.min(e.clientX + 14, window.innerWidth - tip.offsetWidth - 4) + 'px';
        tip.style.top = (e.clientY + 14) + 'px';
      });
      el.addEventListener('mouseleave', function () { tip.hidden = true; });
      if (c.children && c.children.length) {
        el.addEventListener('click', function (e) { e.stopPropagation(); tip.hidden = true; self.show(c); });
      }
      self.box.appendChild(el);
      if (depth < 1 && c.children && c.children.length && r.w > 60 && r.h > 40)
        self.draw(c, r.x + 3, r.y + 16, r.w - 6, r.h - 19, depth + 1, tone);
    });
  };

  Treemap.prototype.drawCrumbs = function (node) {
    var self = this, chain = [];
    for (var n = node; n; n = n.parent) chain.unshift(n);
    while (this.crumbs.firstChild) this.crumbs.removeChild(this.crumbs.firstChild);
    chain.forEach(function (n, k) {
      if (k) self.crumbs.appendChild(document.createTextNode(' / '));
      var b = document.createElement('button');
      b.type = 'button';
      b.textContent = k ? n.name : self.pkg.name;
      b.disabled = n === node;
      b.addEventListener('click', function () { self.show(n); });
      self.crumbs.appendChild(b);
    });
    this.crumbs.appendChild(document.createTextNode('  ' + human(node.value) +
      ' (click a folder to zoom in, a name above to zoom out)'));
  };

  var maps = [];
  document.querySelectorAll('.treemap[data-package]').forEach(function (box) {
    var i = Number(box.getAttribute('data-package'));
    var crumbs = document.querySelector('.crumbs[data-package="' + i + '"]');
    if (!data.packages[i] || !data.packages[i].folders.length) return;
    var map = new Treemap(box, crumbs, data.packages[i]);
    maps.push(map);
    // A folded package has no width yet: draw it when it is opened.
    var fold = box.closest('details');
    if (fold) fold.addEventListener('toggle', function () { if (fold.open) map.show(map.current); });
  });
  window.addEventListener('resize', function () {
    maps.forEach(function (m) { m.show(m.current); });
  });
  if (!body.hasAttribute('data-fnlint-status'))
    body.setAttribute('data-fnlint-status', 'ok ' + document.querySelectorAll('.tm-node').length);
})();
