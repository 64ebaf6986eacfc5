// The console's poll pages. Without JavaScript every option input is shown and forms post plainly; with it the form shows
// as many option inputs as are in use (add/remove up to 10), confirms Open and Close, and the results refresh themselves.
(function () {
    'use strict';
    var root = document.documentElement;
    var words = {
        add: root.lang === 'en' ? 'Add an option' : 'Tambah pilihan',
        remove: root.lang === 'en' ? 'Remove' : 'Hapus'
    };

    function toArray(list) {
        return Array.prototype.slice.call(list);
    }

    // Add/remove option inputs: the hidden ones stay in the form, empty, so the server sees the same 10 fields.
    toArray(document.querySelectorAll('.option-inputs')).forEach(function (list) {
        var items = toArray(list.querySelectorAll('li[data-option]'));
        var add = document.createElement('button');
        add.type = 'button';
        add.id = 'add-option';
        add.textContent = words.add;
        list.parentNode.insertBefore(add, list.nextSibling);

        function refresh() {
            add.hidden = items.every(function (item) { return !item.hidden; });
        }

        items.forEach(function (item) {
            if (item.getAttribute('data-start-hidden') === 'true') {
                item.hidden = true;
            }
            if (item.getAttribute('data-optional') === 'true') {
                var remove = document.createElement('button');
                remove.type = 'button';
                remove.className = 'link remove-option';
                remove.textContent = words.remove;
                remove.addEventListener('click', function () {
                    item.querySelector('input').value = '';
                    item.hidden = true;
                    refresh();
                });
                item.appendChild(remove);
            }
        });

        add.addEventListener('click', function () {
            var next = items.filter(function (item) { return item.hidden; })[0];
            if (next) {
                next.hidden = false;
                next.querySelector('input').focus();
            }
            refresh();
        });
        refresh();
    });

    toArray(document.querySelectorAll('form[data-confirm]')).forEach(function (form) {
        form.addEventListener('submit', function (event) {
            if (!window.confirm(form.getAttribute('data-confirm'))) {
                event.preventDefault();
            }
        });
    });

    var live = document.getElementById('live');
    if (!live) {
        return;
    }

    var table = document.getElementById('live-options');
    var chart = null;
    if (typeof window.Chart === 'function') {
        var rows = toArray(table.tBodies[0].rows);
        chart = new window.Chart(document.getElementById('live-chart'), {
            type: 'bar',
            data: {
                labels: rows.map(function (row) { return row.cells[0].textContent.trim(); }),
                datasets: [{
                    label: table.tHead.rows[0].cells[1].textContent.trim(),
                    backgroundColor: '#0b57a4',
                    maxBarThickness: 28,
                    data: rows.map(function (row) { return Number(row.cells[1].getAttribute('data-value')) || 0; })
                }]
            },
            options: {
                indexAxis: 'y', maintainAspectRatio: false, animation: false,
                scales: { x: { beginAtZero: true, ticks: { precision: 0 } } },
                plugins: { legend: { display: false } }
            }
        });
    }

    function fillBreakdown(id, groups) {
        var target = document.getElementById(id);
        if (!target) {
            return;
        }
        var body = target.tBodies[0];
        body.textContent = '';
        groups.forEach(function (group) {
            var row = body.insertRow();
            var head = document.createElement('th');
            head.scope = 'row';
            head.textContent = group.name;
            row.appendChild(head);
            group.counts.forEach(function (count) {
                var cell = row.insertCell();
                cell.className = 'num';
                cell.textContent = count;
            });
        });
    }

    function show(data) {
        document.getElementById('poll-status').textContent = data.statusLabel;
        var total = document.getElementById('live-total');
        total.textContent = total.textContent.replace(/\d[\d.,]*/, String(data.total));
        toArray(table.tBodies[0].rows).forEach(function (row, index) {
            var votes = data.byOption[index] || 0;
            row.cells[1].setAttribute('data-value', votes);
            row.cells[1].textContent = votes;
        });
        if (chart) {
            chart.data.datasets[0].data = data.options.map(function (_, index) { return data.byOption[index] || 0; });
            chart.update();
        }
        fillBreakdown('live-channels', data.byChannel);
        fillBreakdown('live-regions', data.byRegion);
        if (data.invitations) {
            var box = document.getElementById('invitations');
            var bar = document.getElementById('invitation-progress');
            if (!bar) {
                box.textContent = '';
                bar = document.createElement('progress');
                bar.id = 'invitation-progress';
                bar.setAttribute('aria-labelledby', 'invitations-heading');
                box.appendChild(bar);
                var label = document.createElement('p');
                label.id = 'invitation-label';
                box.appendChild(label);
            }
            bar.max = Math.max(1, data.invitations.total);
            bar.value = data.invitations.invited + data.invitations.skipped;
            bar.textContent = data.invitations.label;
            document.getElementById('invitation-label').textContent = data.invitations.label;
        }
    }

    function refresh() {
        fetch(live.getAttribute('data-live-url'), { headers: { Accept: 'application/json' }, credentials: 'same-origin' })
            .then(function (response) { return response.ok ? response.json() : null; })
            .then(function (data) { if (data) { show(data); } })
            .catch(function () { /* the next tick tries again */ })
            .then(function () { window.setTimeout(refresh, 3000); });
    }

    window.setTimeout(refresh, 3000);
})();
