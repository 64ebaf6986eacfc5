// A small map of where the report was made; the coordinates and an OpenStreetMap link are on the page without it.
(function () {
    "use strict";
    var box = document.getElementById("report-map");
    if (!box || !window.L) { if (box) { box.hidden = true; } return; }
    var point = [parseFloat(box.dataset.lat), parseFloat(box.dataset.lon)];
    var map = window.L.map(box).setView(point, 16);
    window.L.tileLayer(box.dataset.tiles, { maxZoom: 19, attribution: box.dataset.attribution }).addTo(map);
    window.L.marker(point).addTo(map);
})();
