// Draws a bar chart above every table marked data-chart, from the table's own cells: the table stays the accessible
// source of the figures (and works without JavaScript); the chart repeats them for the eye, hidden from screen readers.
(function () {
    'use strict';
    if (typeof window.Chart !== 'function') {
        return;
    }

    var rowHeight = 30;
    var axisRoom = 90;
    var labelLength = window.matchMedia('(max-width: 40rem)').matches ? 18 : 40;

    // Long names would squeeze the bars on a phone; the tooltip and the table keep them whole.
    function shorten(label) {
        return label.length <= labelLength ? label : label.slice(0, labelLength - 1) + '\u2026';
    }

    function toArray(list) {
        return Array.prototype.slice.call(list);
    }

    function draw(table) {
        var rows = toArray(table.tBodies[0].rows);
        if (rows.length === 0) {
            return;
        }

        var series = toArray(table.tHead.rows[0].cells)
            .map(function (cell, index) { return { cell: cell, index: index }; })
            .filter(function (column) { return column.cell.hasAttribute('data-series'); });
        var stacked = table.getAttribute('data-chart') === 'stacked';
        var datasets = series.map(function (column) {
            return {
                label: column.cell.textContent.trim(),
                backgroundColor: column.cell.getAttribute('data-series'),
                maxBarThickness: 28,
                data: rows.map(function (row) { return Number(row.cells[column.index].getAttribute('data-value')) || 0; })
            };
        });

        var box = document.createElement('div');
        box.className = 'chart-box';
        box.style.height = (rows.length * rowHeight + axisRoom) + 'px';
        var canvas = document.createElement('canvas');
        canvas.setAttribute('aria-hidden', 'true');
        box.appendChild(canvas);
        var anchor = table.closest('.table-scroll') || table;
        anchor.parentNode.insertBefore(box, anchor);

        new window.Chart(canvas, {
            type: 'bar',
            data: { labels: rows.map(function (row) { return row.cells[0].textContent.trim(); }), datasets: datasets },
            options: {
                indexAxis: 'y',
                maintainAspectRatio: false,
                animation: false,
                scales: {
                    x: { stacked: stacked, beginAtZero: true, ticks: { precision: 0 } },
                    y: {
                        stacked: stacked,
                        ticks: {
                            autoSkip: false,
                            callback: function (value) { return shorten(this.getLabelForValue(value)); }
                        }
                    }
                },
                plugins: { legend: { display: datasets.length > 1, position: 'bottom' } }
            }
        });
    }

    toArray(document.querySelectorAll('table[data-chart]')).forEach(draw);
})();
