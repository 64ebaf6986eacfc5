// Keyboard shortcuts for admins working the queue all day. Everything here also works by mouse and plain forms.
(function () {
    "use strict";
    function typing(target) {
        return target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
    }

    var rows = Array.prototype.slice.call(document.querySelectorAll("[data-keyboard-list] tbody tr"));
    var selected = -1;
    function select(index) {
        if (!rows.length) { return; }
        if (selected >= 0) { rows[selected].classList.remove("selected"); }
        selected = Math.max(0, Math.min(rows.length - 1, index));
        rows[selected].classList.add("selected");
        var link = rows[selected].querySelector("a");
        if (link) { link.focus(); }
    }

    function focus(id) {
        var element = document.getElementById(id);
        if (element) { element.focus(); return true; }
        return false;
    }

    document.addEventListener("keydown", function (event) {
        if (event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) { return; }
        var handled = true;
        switch (event.key) {
            case "j": select(selected + 1); break;
            case "k": select(selected - 1); break;
            case "/": handled = focus("q"); break;
            case "c": {
                var confirm = document.getElementById("confirm-form");
                if (confirm) { confirm.requestSubmit(); } else { handled = false; }
                break;
            }
            case "e": handled = focus("forward-category"); break;
            case "q": handled = focus("clarify-question"); break;
            case "x": handled = focus("reject-spam"); break;
            case "n": {
                var next = document.getElementById("next-report");
                if (next) { window.location.href = next.href; } else { handled = false; }
                break;
            }
            default: handled = false;
        }
        if (handled) { event.preventDefault(); }
    });
})();
