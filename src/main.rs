fn main() {
    pismo::app::rescue::install();
    leptos::mount::mount_to_body(pismo::app::App);
}
