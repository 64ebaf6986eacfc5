// The report map: published reports with a location, from /api/map. The list on the page is complete without it, so
// when Leaflet, the tiles or the feed cannot load, the page says so quietly and carries on.
(function () {
    'use strict';
    var box = document.getElementById('report-map');
    var status = document.getElementById('report-map-status');
    if (!box) {
        return;
    }

    function unavailable() {
        if (status) {
            status.hidden = false;
        }
    }

    if (typeof window.L === 'undefined') {
        unavailable();
        return;
    }

    box.hidden = false;
    var map = window.L.map(box, { scrollWheelZoom: false }).setView([-2.5, 118], 4);
    var tiles = window.L.tileLayer(box.getAttribute('data-tiles'), {
        attribution: box.getAttribute('data-attribution'),
        maxZoom: 18
    });
    var tilesFailed = false;
    tiles.on('tileerror', function () {
        if (!tilesFailed) {
            tilesFailed = true;
            unavailable();
        }
    });
    tiles.addTo(map);

    function popup(point) {
        var link = document.createElement('a');
        link.href = '/laporan/' + encodeURIComponent(point.trackingId);
        link.textContent = point.summary;
        return link;
    }

    fetch(box.getAttribute('data-points'), { headers: { Accept: 'application/json' } })
        .then(function (response) {
            if (!response.ok) {
                throw new Error('map feed answered ' + response.status);
            }
            return response.json();
        })
        .then(function (points) {
            var approximate = box.getAttribute('data-approximate') || '';
            var markers = points.map(function (point) {
                var at = [point.latitude, point.longitude];
                if (point.approximate) {
                    // Placed by the region the citizen named, not a shared point: an area, not a pin.
                    return window.L.circle(at, { radius: 4000, dashArray: '4 4', weight: 2 })
                        .bindTooltip(point.summary + ' (' + approximate + ')')
                        .bindPopup(popup(point));
                }
                return window.L.marker(at, { title: point.summary, alt: point.summary })
                    .bindPopup(popup(point));
            });
            if (markers.length > 0) {
                var group = window.L.featureGroup(markers).addTo(map);
                map.fitBounds(group.getBounds(), { maxZoom: 13, padding: [24, 24] });
            }
        })
        .catch(unavailable);
})();
