fn main() {
    console_error_panic_hook_set();
    leptos::mount::mount_to_body(pismo::app::App);
}

/// Panics abort in release builds; in debug builds, show them in the console.
fn console_error_panic_hook_set() {
    #[cfg(debug_assertions)]
    std::panic::set_hook(Box::new(|info| {
        web_sys::console::error_1(&info.to_string().into());
    }));
}
