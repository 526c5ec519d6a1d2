// Keeps unsaved text of the codex draft editor in the browser's local storage, so a failed save,
// a lost connection or a reload loses nothing. The form works without this script.
(function () {
    "use strict";
    var form = document.querySelector("form[data-draft-key]");
    if (!form || !window.localStorage) {
        return;
    }

    var key = form.getAttribute("data-draft-key");
    var banner = document.getElementById("draft-restore");

    function fields() {
        return Array.prototype.slice.call(form.querySelectorAll("input[name^='Sections'], textarea[name^='Sections']"))
            .filter(function (f) { return f.type !== "hidden"; });
    }

    function snapshot() {
        var values = {};
        fields().forEach(function (f) {
            values[f.name] = f.type === "checkbox" ? f.checked : f.value;
        });
        return values;
    }

    function differs(stored) {
        var current = snapshot();
        return Object.keys(stored).some(function (name) {
            return Object.prototype.hasOwnProperty.call(current, name) && current[name] !== stored[name];
        });
    }

    function read() {
        try {
            return JSON.parse(localStorage.getItem(key) || "null");
        } catch (e) {
            return null;
        }
    }

    var stored = read();
    if (form.getAttribute("data-draft-merged") === "true") {
        // The form holds the user's text merged with a newer save: that is what to keep now, not the older copy.
        localStorage.setItem(key, JSON.stringify(snapshot()));
        stored = null;
    } else if (form.getAttribute("data-draft-saved") === "true" || (stored && !differs(stored))) {
        localStorage.removeItem(key);
        stored = null;
    }

    if (stored && banner) {
        banner.hidden = false;
        banner.querySelector("[data-draft-restore]").addEventListener("click", function () {
            fields().forEach(function (f) {
                if (Object.prototype.hasOwnProperty.call(stored, f.name) && !f.readOnly) {
                    if (f.type === "checkbox") {
                        f.checked = stored[f.name];
                    } else {
                        f.value = stored[f.name];
                    }
                }
            });
            banner.hidden = true;
            fields()[0].focus();
        });
        banner.querySelector("[data-draft-discard]").addEventListener("click", function () {
            localStorage.removeItem(key);
            banner.hidden = true;
        });
    }

    form.addEventListener("input", function () {
        localStorage.setItem(key, JSON.stringify(snapshot()));
    });
    form.addEventListener("change", function () {
        localStorage.setItem(key, JSON.stringify(snapshot()));
    });
})();
