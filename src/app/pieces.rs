//! The sections' pages as pieces of the wasm loaded on their first visit (issue 16: the start
//! page downloads at most 400 KB).
//!
//! With the cargo feature `split` (the build's `.ci/wasm-pieces.mjs` turns it on) each function
//! declared by `piece!` is a split point: `wasm-split-cli` moves it and everything only it
//! reaches into a file of its own, fetched when it is first called. Without the feature (native
//! and test builds) the same functions are plain, so one code path serves both: a page is shown
//! once its piece is loaded, through [`ready`], which never waits.

use std::future::Future;
use std::pin::pin;
use std::task::{Context, Poll, Waker};

use leptos::prelude::*;

use super::router::Route;
use crate::pages;

/// Why a piece did not arrive (the network, or a build replaced on the server). Never
/// constructed here: the splitter's runtime returns it.
pub type Missing = leptos::wasm_split::SplitLoaderError;

/// Declares a piece: `fn name / load_name(args) -> T { body }`. Called, it resolves to the body's
/// value once the piece is loaded; `load_name` loads it without calling it.
macro_rules! piece {
    ($(#[$m:meta])* fn $name:ident / $load:ident ($($arg:ident: $ty:ty),*) -> $ret:ty $body:block) => {
        #[cfg(feature = "split")]
        $(#[$m])*
        #[::leptos::wasm_split::wasm_split($name, wasm_split_path = ::leptos::wasm_split, preload($load), fallible)]
        pub fn $name($($arg: $ty),*) -> Result<$ret, Missing> { Ok($body) }

        #[cfg(not(feature = "split"))]
        $(#[$m])*
        pub async fn $name($($arg: $ty),*) -> Result<$ret, Missing> { Ok($body) }

        #[cfg(not(feature = "split"))]
        pub async fn $load() -> Result<(), Missing> { Ok(()) }
    };
}

piece! {
    /// The letter writer's screens: the queue, the answers, the figures, the print views.
    fn letters / load_letters(route: Route) -> AnyView {
        match route {
            Route::Answers => view! { <pages::letters::AnswersPage /> }.into_any(),
            Route::LetterFigures => view! { <pages::letters::FiguresPage /> }.into_any(),
            Route::Print(kind) => view! { <pages::letters::PrintPage kind=kind /> }.into_any(),
            _ => view! { <pages::letters::QueuePage /> }.into_any(),
        }
    }
}

piece! {
    /// The client list and the client card.
    fn clients / load_clients(route: Route) -> AnyView {
        match route {
            Route::NewClient => view! { <pages::client::ClientPage id=None /> }.into_any(),
            Route::Client(id) => view! { <pages::client::ClientPage id=Some(id) /> }.into_any(),
            _ => view! { <pages::clients::Clients /> }.into_any(),
        }
    }
}

piece! {
    /// The base keeper's tools: duplicates, changed contacts, quality, address lists.
    fn base_tools / load_base_tools(route: Route) -> AnyView {
        match route {
            Route::Duplicates => view! { <pages::duplicates::DuplicatesPage /> }.into_any(),
            Route::Changes => view! { <pages::changes::ChangesPage /> }.into_any(),
            Route::Quality => view! { <pages::quality::QualityPage /> }.into_any(),
            _ => view! { <pages::lists::ListsPage /> }.into_any(),
        }
    }
}

piece! {
    /// Bringing data in and out: CSV import, backups, sync with other computers.
    fn transfer / load_transfer(route: Route) -> AnyView {
        match route {
            Route::Import => view! { <pages::import::ImportPage /> }.into_any(),
            Route::Sync => view! { <pages::sync::SyncPage /> }.into_any(),
            _ => view! { <pages::backup::BackupPage /> }.into_any(),
        }
    }
}

piece! {
    /// The salespeople's screens.
    fn sales / load_sales(route: Route) -> AnyView {
        match route {
            Route::Person(id) => view! { <pages::sales::person::PersonPage id=id /> }.into_any(),
            _ => view! { <pages::sales::SalesPage /> }.into_any(),
        }
    }
}

piece! {
    /// The account manager's screen.
    fn corporate / load_corporate(_route: Route) -> AnyView {
        view! { <pages::corporate::CorporatePage /> }.into_any()
    }
}

piece! {
    /// The director's figures.
    fn dashboard / load_dashboard(_route: Route) -> AnyView {
        view! { <pages::dashboard::DashboardPage /> }.into_any()
    }
}

piece! {
    /// The company's own lists: products, staff, settings.
    fn company / load_company(route: Route) -> AnyView {
        match route {
            Route::Products => view! { <pages::products::Products /> }.into_any(),
            Route::Staff => view! { <pages::staff::StaffPage /> }.into_any(),
            _ => view! { <pages::settings::SettingsPage /> }.into_any(),
        }
    }
}

piece! {
    /// The demo company, made and stored on the start page's button: its word lists, its month
    /// of letters and the writing of a whole base weigh ~60 KB nobody else needs at start.
    fn demo_company / load_demo_company(s: super::state::AppState, today: chrono::NaiveDate) -> std::pin::Pin<Box<dyn Future<Output = ()>>> {
        Box::pin(crate::pages::home::open_demo(s, today))
    }
}

piece! {
    /// Sync with the other computers (a shared folder, CouchDB): started once the base is loaded
    /// on a computer that syncs, or when the sync page is opened to set it up (once either way).
    /// Its merging of what arrives would be half the start page's wasm on every computer.
    fn sync_engine / load_sync_engine(s: super::state::AppState) -> () {
        thread_local!(static STARTED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) });
        if !STARTED.with(|started| started.replace(true)) {
            super::sync::folder::start(s);
            super::sync::couch::start(s);
        }
    }
}

/// The piece a route's page is in; `None`: in the first load.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Piece {
    Letters,
    Clients,
    BaseTools,
    Transfer,
    Sales,
    Corporate,
    Dashboard,
    Company,
}

impl Piece {
    pub fn of(route: &Route) -> Option<Piece> {
        Some(match route {
            Route::Home | Route::NotFound(_) => return None,
            Route::Clients | Route::NewClient | Route::Client(_) => Piece::Clients,
            Route::Duplicates | Route::Changes | Route::Quality | Route::Lists => Piece::BaseTools,
            Route::Import | Route::Backup | Route::Sync => Piece::Transfer,
            Route::Letters | Route::Answers | Route::LetterFigures | Route::Print(_) => {
                Piece::Letters
            }
            Route::Products | Route::Staff | Route::Settings => Piece::Company,
            Route::Person(_) | Route::Sales => Piece::Sales,
            Route::Corporate => Piece::Corporate,
            Route::Dashboard => Piece::Dashboard,
        })
    }

    pub async fn load(self) -> Result<(), Missing> {
        match self {
            Piece::Letters => load_letters().await,
            Piece::Clients => load_clients().await,
            Piece::BaseTools => load_base_tools().await,
            Piece::Transfer => load_transfer().await,
            Piece::Sales => load_sales().await,
            Piece::Corporate => load_corporate().await,
            Piece::Dashboard => load_dashboard().await,
            Piece::Company => load_company().await,
        }
    }

    /// The route's page, if its piece is loaded.
    pub fn page(self, route: Route) -> Option<AnyView> {
        match self {
            Piece::Letters => ready(letters(route)),
            Piece::Clients => ready(clients(route)),
            Piece::BaseTools => ready(base_tools(route)),
            Piece::Transfer => ready(transfer(route)),
            Piece::Sales => ready(sales(route)),
            Piece::Corporate => ready(corporate(route)),
            Piece::Dashboard => ready(dashboard(route)),
            Piece::Company => ready(company(route)),
        }
    }
}

thread_local! {
    /// The pieces fetched since the page was opened.
    static ARRIVED: std::cell::RefCell<Vec<Piece>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// What the main area shows for a route: its page, or a line while its piece loads, or what to do
/// when it could not be loaded.
#[derive(Debug, Clone, PartialEq)]
enum Shown {
    Page(Route),
    Loading,
    Failed(Piece),
}

/// The page of the current route; a section's piece is fetched on its first visit. The shown
/// state is a memo, so a piece arriving late (the user already elsewhere) rebuilds nothing.
#[component]
pub fn Pages(route: ReadSignal<Route>) -> impl IntoView {
    let s = super::state::use_app();
    // The frame is built anew when the base is read again (an import, a restore): the pieces
    // already here are shown at once, without a «loading» line.
    let loaded = RwSignal::new(ARRIVED.with(|a| a.borrow().clone()));
    let failed = RwSignal::new(None::<Piece>);
    let fetch = move |piece: Piece| {
        failed.set(None);
        leptos::task::spawn_local(async move {
            match piece.load().await {
                Ok(()) => {
                    ARRIVED.with(|a| a.borrow_mut().push(piece));
                    loaded.update(|l| l.push(piece));
                }
                Err(_) => failed.set(Some(piece)),
            }
        });
    };
    Effect::new(move || {
        if let Some(piece) = Piece::of(&route.get()) {
            if !loaded.with_untracked(|l| l.contains(&piece)) {
                fetch(piece);
            }
        }
    });
    let shown = Memo::new(move |_| {
        let route = route.get();
        match Piece::of(&route) {
            Some(p) if failed.get() == Some(p) => Shown::Failed(p),
            Some(p) if !loaded.with(|l| l.contains(&p)) => Shown::Loading,
            _ => Shown::Page(route),
        }
    });
    move || match shown.get() {
        Shown::Page(route) => match Piece::of(&route) {
            None => super::page_of_first_load(route),
            Some(piece) => piece.page(route).unwrap_or_else(|| {
                view! { <p class="loading">{s.tr().piece_loading}</p> }.into_any()
            }),
        },
        Shown::Loading => view! { <p class="loading">{s.tr().piece_loading}</p> }.into_any(),
        Shown::Failed(piece) => view! {
            <section class="fatal" role="alert">
                <p>{s.tr().piece_failed}</p>
                <p>
                    <button on:click=move |_| fetch(piece)>{s.tr().piece_retry}</button>
                    " "
                    <button on:click=|_| { let _ = window().location().reload(); }>
                        {s.tr().piece_reload}
                    </button>
                </p>
            </section>
        }
        .into_any(),
    }
}

/// The value of a piece's function whose piece is already loaded: its future completes on the
/// first poll, so the page is built synchronously, inside the reactive owner of the caller
/// (an `await` would lose it).
fn ready<T>(call: impl Future<Output = Result<T, Missing>>) -> Option<T> {
    let mut call = pin!(call);
    match call.as_mut().poll(&mut Context::from_waker(Waker::noop())) {
        Poll::Ready(Ok(value)) => Some(value),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_start_page_is_in_the_first_load_and_every_other_page_in_a_piece() {
        assert_eq!(Piece::of(&Route::Home), None);
        assert_eq!(Piece::of(&Route::NotFound("x".into())), None);
        assert_eq!(Piece::of(&Route::Letters), Some(Piece::Letters));
        assert_eq!(
            Piece::of(&Route::Client(uuid::Uuid::nil())),
            Some(Piece::Clients)
        );
        assert_eq!(Piece::of(&Route::Sync), Some(Piece::Transfer));
    }

    #[test]
    fn a_loaded_piece_gives_its_value_at_once() {
        assert_eq!(ready(async { Ok::<_, Missing>(7) }), Some(7));
        assert_eq!(ready(std::future::pending::<Result<u8, Missing>>()), None);
    }
}
