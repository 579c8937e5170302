//! The state every page shares: the base in memory, its search index, settings, language,
//! and the one way to change the base: [`AppState::commit`], which writes to storage first and
//! changes memory only when storage accepted it.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;

use chrono::NaiveDate;

use leptos::prelude::*;

use super::browser;
use super::change::{self, Message};
use super::i18n::{tr, Tr};
use super::pending::Pending;
use super::scan::Scan;
use crate::domain::backup::spans::Source;
use crate::domain::base::{Base, Batch, Changed};
use crate::domain::letters::day::{DayQueue, LettersDay};
use crate::domain::merge::plan_merge;
use crate::domain::model::{Id, Lang};
use crate::domain::record::{stores_loaded, Load};
use crate::domain::search::{SearchIndex, TokenBuilder};
use crate::domain::settings::Settings;
use crate::storage::{Db, Persistence, StorageError};

/// Meta values a replaced base resets or brings along (see [`AppState::replace_from`]).
pub const LAST_IMPORT: &str = "last_import";
const PENDING_SETTINGS: &str = "pending_settings";

mod save;

#[derive(Debug, Clone, PartialEq)]
pub enum LoadStatus {
    Loading,
    Ready,
    Failed(StorageError),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Toast {
    pub id: u64,
    pub text: String,
    pub error: bool,
}

#[derive(Clone, Copy)]
pub struct AppState {
    pub base: RwSignal<Base>,
    pub index: RwSignal<SearchIndex>,
    pub settings: RwSignal<Settings>,
    pub lang: RwSignal<Lang>,
    pub status: RwSignal<LoadStatus>,
    pub persistence: RwSignal<Option<Persistence>>,
    /// Stored buckets that could not be read at startup: shown, never overwritten.
    pub unreadable: RwSignal<Vec<String>>,
    pub toasts: RwSignal<Vec<Toast>>,
    /// All writes under way, behind the «saving» note; each button has its own `Pending`.
    pub writing: Pending,
    /// Orders, letters, requests and changes are loaded (they come after the first paint).
    pub history_ready: RwSignal<bool>,
    /// Today's letter queue once read or planned (see `app::queue`).
    pub queue: RwSignal<Option<DayQueue>>,
    /// Postponed pool clients: not queued before the date.
    pub postponed: RwSignal<HashMap<Id, NaiveDate>>,
    /// Who is at this computer (`app::person`): the author of what this computer writes.
    pub me: RwSignal<Option<Id>>,
    /// The last duplicate scan (see `app::scan`): the duplicates, data-quality and address-list
    /// pages share it, since a scan of a large base takes seconds.
    pub duplicates: RwSignal<Option<Scan>>,
}

thread_local! {
    // The database handle holds JS objects, which signals (Send + Sync) cannot; the app has one
    // thread, so it lives here.
    static DB: RefCell<Option<Rc<Db>>> = const { RefCell::new(None) };
    /// Which token build is current; an older one stops when it sees a newer number.
    static INDEX_GENERATION: Cell<u64> = const { Cell::new(0) };
    /// Toasts are told apart by a number of their own (not the time: the clock may be set).
    static TOAST_ID: Cell<u64> = const { Cell::new(0) };
}

pub fn set_db(db: Db) {
    DB.with(|d| *d.borrow_mut() = Some(Rc::new(db)));
}

pub fn db() -> Result<Rc<Db>, StorageError> {
    DB.with(|d| d.borrow().clone())
        .ok_or_else(|| StorageError::Unavailable("the database is not open".into()))
}

impl AppState {
    pub fn new(lang: Lang, settings: Settings) -> AppState {
        AppState {
            base: RwSignal::new(Base::default()),
            index: RwSignal::new(SearchIndex::default()),
            settings: RwSignal::new(settings),
            lang: RwSignal::new(lang),
            status: RwSignal::new(LoadStatus::Loading),
            persistence: RwSignal::new(None),
            unreadable: RwSignal::new(Vec::new()),
            toasts: RwSignal::new(Vec::new()),
            writing: Pending::new(),
            history_ready: RwSignal::new(false),
            queue: RwSignal::new(None),
            postponed: RwSignal::new(HashMap::new()),
            duplicates: RwSignal::new(None),
            me: RwSignal::new(super::person::load()),
        }
    }

    pub fn tr(&self) -> &'static Tr {
        tr(self.lang.get())
    }

    pub fn tr_untracked(&self) -> &'static Tr {
        tr(self.lang.get_untracked())
    }

    pub fn toast(&self, text: impl Into<String>, error: bool) {
        let id = TOAST_ID.with(|n| {
            n.set(n.get() + 1);
            n.get()
        });
        let text = text.into();
        self.toasts.update(|t| t.push(Toast { id, text, error }));
        let toasts = self.toasts;
        // Errors stay until dismissed: a message about lost work must not vanish unread.
        if !error {
            set_timeout(
                move || toasts.update(|t| t.retain(|x| x.id != id)),
                std::time::Duration::from_secs(4),
            );
        }
    }

    pub fn storage_error(&self, e: &StorageError) {
        let t = self.tr_untracked();
        let why = super::i18n::storage_error(self.lang.get_untracked(), e);
        self.toast(format!("{}: {why}", t.not_saved), true);
    }

    /// Asks the user a yes/no question; a «no» (or no dialog at all) changes nothing.
    pub fn confirm(&self, question: fn(&Tr) -> &'static str) -> bool {
        leptos::prelude::window()
            .confirm_with_message(question(self.tr_untracked()))
            .unwrap_or(false)
    }

    /// Whether a write is under way (tracked).
    pub fn busy(&self) -> bool {
        self.writing.get()
    }

    /// Writes a batch to storage and, only if that succeeded, applies it in memory.
    pub async fn commit(self, batch: Batch) -> Result<(), StorageError> {
        self.commit_expecting(batch, &[]).await
    }

    /// [`AppState::commit`] of an edit made from known versions (see `Db::write_expecting`):
    /// `StorageError::Changed` is returned without a message, for the caller to merge and retry
    /// (`app::edit`); any other failure is shown.
    pub async fn commit_expecting(
        self,
        mut batch: Batch,
        expected: &[crate::domain::model::Client],
    ) -> Result<(), StorageError> {
        let db = db()?;
        if let Some(me) = self.me.get_untracked() {
            self.base
                .with_untracked(|b| crate::domain::author::stamp(&mut batch, b, me));
        }
        self.base
            .with_untracked(|b| super::sync::stamp(b, &mut batch));
        let result = {
            let _writing = self.writing.start();
            db.write_expecting(&batch, expected).await
        };
        match result {
            Ok(()) => {
                change::apply(self, &batch);
                change::announce(&Message::Records(Changed::of(&batch)));
                Ok(())
            }
            Err(e) => {
                if !matches!(e, StorageError::Changed(_)) {
                    self.storage_error(&e);
                }
                if e == StorageError::Replaced {
                    // The other tab's message may still be on its way: show the new base now.
                    leptos::task::spawn_local(self.reload());
                }
                Err(e)
            }
        }
    }

    /// Replaces the whole base (demo, replace-import) in storage, then in memory.
    pub async fn replace(self, batch: Batch) -> Result<(), StorageError> {
        self.replace_from(batch, None, None, None).await
    }

    /// [`AppState::replace`] with a backup's text (its records are stored as written), its
    /// settings and its letter day. Records, settings and the letter queue are stored in one
    /// transaction (the settings as `pending_settings`, copied to localStorage afterwards and at
    /// the next start if the browser died in between: see [`AppState::apply_pending_settings`]).
    pub async fn replace_from(
        self,
        batch: Batch,
        source: Option<std::sync::Arc<Source>>,
        settings: Option<Settings>,
        letters_day: Option<LettersDay>,
    ) -> Result<(), StorageError> {
        let db = db()?;
        // These types always serialise; "null" would only plan the queue anew.
        let json = |r: serde_json::Result<String>| r.unwrap_or_else(|_| "null".into());
        let day = letters_day.unwrap_or_default();
        let meta = [
            (super::queue::QUEUE, json(serde_json::to_string(&day.queue))),
            (
                super::queue::POSTPONED,
                json(serde_json::to_string(&day.postponed)),
            ),
            (LAST_IMPORT, "null".to_string()),
            (PENDING_SETTINGS, json(serde_json::to_string(&settings))),
        ];
        let result = {
            let _writing = self.writing.start();
            db.replace_all_with(&batch, source.as_deref(), &meta).await
        };
        drop(source);
        match result {
            Ok(()) => {
                self.set_base(Base::from_batch(&batch));
                self.history_ready.set(true);
                // Read again from what was just stored (the backup's queue, or planned anew).
                self.queue.set(None);
                self.duplicates.set(None);
                if settings.is_some() {
                    self.apply_pending_settings().await;
                }
                change::announce(&Message::Replaced);
                Ok(())
            }
            Err(e) => {
                self.storage_error(&e);
                Err(e)
            }
        }
    }

    /// Copies settings stored with a replaced base into localStorage (keeping this computer's
    /// interface language), then forgets them. Run after a replace and at every start.
    pub async fn apply_pending_settings(self) {
        let Ok(db) = db() else { return };
        let stored = match db.get_meta(PENDING_SETTINGS).await {
            Ok(v) => v,
            Err(e) => return self.storage_error(&e),
        };
        let Some(Ok(Some(incoming))) = stored.map(|t| serde_json::from_str::<Option<Settings>>(&t))
        else {
            return;
        };
        let (incoming, _) = incoming.repaired();
        let settings = Settings {
            ui_language: self.settings.get_untracked().ui_language,
            ..incoming
        };
        match crate::storage::save_settings(&settings) {
            Ok(()) => {
                self.settings.set(settings);
                if let Err(e) = db.set_meta(PENDING_SETTINGS, "null").await {
                    self.storage_error(&e);
                }
            }
            Err(e) => self.storage_error(&e),
        }
    }

    /// Shows a whole new base at once (name order only), then indexes it for search in slices.
    pub fn set_base(&self, base: Base) {
        self.index.set(SearchIndex::order_only(base.clients.iter()));
        self.base.set(base);
        self.index_tokens();
    }

    /// Builds the search tokens a slice at a time, yielding to the page between slices, so even
    /// 100,000 clients never freeze it. A newer base or edit started meanwhile restarts it.
    fn index_tokens(&self) {
        const SLICE: usize = 5_000;
        let generation = INDEX_GENERATION.with(|g| {
            g.set(g.get() + 1);
            g.get()
        });
        let s = *self;
        leptos::task::spawn_local(async move {
            let mut tokens = TokenBuilder::default();
            let mut start = 0;
            loop {
                browser::next_tick().await;
                if INDEX_GENERATION.with(Cell::get) != generation {
                    return;
                }
                let done = s.base.with_untracked(|b| {
                    let clients = b.clients.as_slice();
                    let end = (start + SLICE).min(clients.len());
                    s.index
                        .with_untracked(|idx| tokens.add(idx, &clients[start..end]));
                    start = end;
                    end == clients.len()
                });
                if done {
                    break;
                }
            }
            s.index.update(|idx| idx.set_tokens(tokens));
        });
    }

    /// Reloads everything from storage (after another tab changed it).
    /// Reads the clients first and shows them; then their history (orders, letters, requests,
    /// changes), merged in so that an edit made meanwhile is not overwritten by the older copy.
    pub async fn reload(self) {
        let db = match db() {
            Ok(db) => db,
            Err(e) => return self.status.set(LoadStatus::Failed(e)),
        };
        self.history_ready.set(false);
        if let Err(e) = db.read_generation().await {
            return self.status.set(LoadStatus::Failed(e));
        }
        // Another tab may have skipped or postponed letters: read the queue again too.
        self.queue.set(None);
        self.duplicates.set(None);
        let (first, mut unreadable) = match db.load_stores(&stores_loaded(Load::First)).await {
            Ok(x) => x,
            Err(e) => return self.status.set(LoadStatus::Failed(e)),
        };
        self.unreadable
            .set(unreadable.iter().map(ToString::to_string).collect());
        self.set_base(Base::from_batch(&first));
        self.status.set(LoadStatus::Ready);
        browser::next_tick().await;
        match db.load_stores(&stores_loaded(Load::History)).await {
            Ok((history, more)) => {
                let plan = self.base.with_untracked(|b| plan_merge(b, &history));
                self.base.update(|b| {
                    b.apply(&plan.batch);
                    super::sync::loaded(b, history.clocks);
                });
                unreadable.extend(more);
                self.unreadable
                    .set(unreadable.iter().map(ToString::to_string).collect());
                self.history_ready.set(true);
            }
            Err(e) => self.storage_error(&e),
        }
    }
}

pub fn provide_app(state: AppState) {
    provide_context(state);
}

pub fn use_app() -> AppState {
    // Every page is rendered inside `App`, which provides the state first.
    use_context::<AppState>().unwrap_or_else(|| {
        let s = AppState::new(Lang::Ru, Settings::default());
        s.status.set(LoadStatus::Failed(StorageError::Unavailable(
            "application state missing".into(),
        )));
        s
    })
}
