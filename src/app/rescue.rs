//! When the app stops on an error anyway. A panic in the wasm leaves a dead page: every click
//! after it fails. The hook installed here runs while the panic is still being raised: it puts a
//! plain-DOM notice over the page with what happened, that what was saved is safe, a way to take a
//! backup first (`public/rescue.js`, which reads storage without the wasm) and a reload.

use wasm_bindgen::JsCast;

use crate::domain::record::{each_stored, Keyed, VisitStored};

/// Storage names → backup fields (`"client"` → `"clients"`), for the rescue script.
fn kinds_json() -> String {
    struct Fields(Vec<String>);
    impl VisitStored for Fields {
        fn visit<K: Keyed>(&mut self) {
            self.0.push(format!("\"{}\":\"{}\"", K::STORE, K::FIELD));
        }
    }
    let mut f = Fields(Vec::new());
    each_stored(&mut f);
    format!("{{{}}}", f.0.join(","))
}

/// Installs the hook; in a debug build the panic also goes to the console.
pub fn install() {
    std::panic::set_hook(Box::new(|info| {
        #[cfg(debug_assertions)]
        web_sys::console::error_1(&info.to_string().into());
        let message: String = info.to_string().chars().take(600).collect();
        let _ = show(&message);
    }));
}

fn show(message: &str) -> Option<()> {
    let document = web_sys::window()?.document()?;
    if document.get_element_by_id("rescue").is_some() {
        return Some(());
    }
    let ru = document
        .document_element()
        .and_then(|e| e.get_attribute("lang"))
        .is_none_or(|l| l != "en");
    let t = |ru_text: &'static str, en: &'static str| if ru { ru_text } else { en };
    let el = |tag: &str, text: &str| -> Option<web_sys::HtmlElement> {
        let e: web_sys::HtmlElement = document.create_element(tag).ok()?.dyn_into().ok()?;
        e.set_text_content(Some(text));
        Some(e)
    };
    // A dimmed cover over the dead page, the notice in its middle.
    let cover = el("div", "")?;
    cover.set_id("rescue");
    cover.set_attribute("role", "alertdialog").ok()?;
    cover.set_attribute("aria-modal", "true").ok()?;
    cover
        .set_attribute("aria-labelledby", "rescue-title")
        .ok()?;
    cover.set_attribute("data-kinds", &kinds_json()).ok()?;
    let panel = el("div", "")?;
    panel.set_class_name("rescue-panel");
    cover.append_child(&panel).ok()?;
    let title = el(
        "h2",
        t(
            "Приложение остановилось из-за ошибки",
            "The app stopped on an error",
        ),
    )?;
    title.set_id("rescue-title");
    let safe = el("p", t(
        "Всё, что было сохранено, осталось в браузере. Сохраните резервную копию базы и перезагрузите страницу; несохранённая правка могла потеряться.",
        "Everything that was saved is still in the browser. Save a backup of the base, then reload the page; an unsaved edit may be lost.",
    ))?;
    let detail = el("pre", message)?;
    let backup = el("button", t("Сохранить резервную копию", "Save a backup"))?;
    backup.set_id("rescue-backup");
    backup
        .set_attribute("onclick", "pismoRescueBackup(this)")
        .ok()?;
    let reload = el("button", t("Перезагрузить", "Reload"))?;
    reload.set_attribute("onclick", "location.reload()").ok()?;
    let status = el("p", "")?;
    status.set_id("rescue-status");
    status.set_attribute("role", "status").ok()?;
    status
        .set_attribute(
            "data-done",
            t(
                "Копия сохранена в загрузки.",
                "The backup is in your downloads.",
            ),
        )
        .ok()?;
    status
        .set_attribute(
            "data-failed",
            t(
                "Копию сохранить не удалось",
                "The backup could not be saved",
            ),
        )
        .ok()?;
    for child in [&title, &safe, &detail, &backup, &reload, &status] {
        panel.append_child(child).ok()?;
    }
    document.body()?.append_child(&cover).ok()?;
    let _ = backup.focus();
    Some(())
}

/// A test's way to check the notice (`?panic-test` in the address): panics once the app is up.
pub fn panic_if_asked() {
    let asked = web_sys::window()
        .and_then(|w| w.location().search().ok())
        .is_some_and(|s| {
            s.trim_start_matches('?')
                .split('&')
                .any(|p| p == "panic-test")
        });
    if asked {
        panic!("a test asked for this panic (?panic-test)");
    }
}
