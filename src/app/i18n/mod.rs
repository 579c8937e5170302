//! Russian and English texts of the interface, and the wording of domain problems.

/// Every text of the interface, Russian beside English, so neither can be forgotten: a struct of
/// `&'static str` fields and its two constants `RU` and `EN`. Fields of other types (and nested
/// sections' text structs) come first, after `+`.
macro_rules! texts {
    ($ty:ident + $($field:ident: $fty:ty = $fru:expr, $fen:expr;)* ; $($name:ident: $ru:expr, $en:expr;)*) => {
        pub struct $ty {
            $(pub $field: $fty,)*
            $(pub $name: &'static str,)*
        }
        pub static RU: $ty = $ty { $($field: $fru,)* $($name: $ru,)* };
        pub static EN: $ty = $ty { $($field: $fen,)* $($name: $en,)* };
    };
}

mod base;
mod errors;
mod letters;
mod quality;
mod sales;
mod sync;
mod texts;

pub use base::Bt;
pub use errors::Said;
pub use letters::Lt;
pub use quality::Qt;
pub use sales::St;
pub use sync::Yt;
pub use texts::Tr;

use leptos::prelude::Get;

use crate::domain::backup::BackupError;
use crate::domain::contact::{EmailProblem, InnProblem, PhoneProblem, PostcodeProblem};
use crate::domain::model::{Lang, OrderSource, OrderStage, RecordKind, Role};
use crate::domain::settings::SettingsProblem;
use crate::domain::validate::Problem;

/// A text of the interface that follows the language switch. Every use returns the same closure
/// type, so the view code for all labels is generated once, not once per label (this alone keeps
/// ~100 KB out of the wasm).
pub fn tx(
    label: fn(&Tr) -> &'static str,
) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    let lang = crate::app::state::use_app().lang;
    move || label(tr(lang.get()))
}

pub fn tr(lang: Lang) -> &'static Tr {
    match lang {
        Lang::Ru => &texts::RU,
        Lang::En => &texts::EN,
    }
}

impl Tr {
    fn ru(&self) -> bool {
        std::ptr::eq(self, &texts::RU)
    }

    fn pick(&self, ru: &'static str, en: &'static str) -> &'static str {
        if self.ru() {
            ru
        } else {
            en
        }
    }

    /// A kind of record as the backup preview counts it.
    pub fn record_kind(&self, k: RecordKind) -> &'static str {
        match k {
            RecordKind::Client => self.clients,
            RecordKind::Product => self.products,
            RecordKind::Order => self.orders,
            RecordKind::Letter => self.letters,
            RecordKind::Staff => self.staff,
            RecordKind::Request => self.requests,
            RecordKind::Change => self.history,
            RecordKind::Decision => self.b.decisions,
            RecordKind::AddressList => self.q.lists,
            RecordKind::Mailing => self.q.log,
            RecordKind::Activity => self.s.activity_records,
            RecordKind::Deal => self.s.deals,
            RecordKind::Contract => self.s.contracts,
            RecordKind::Snapshot => self.s.snapshots,
            RecordKind::NextStep => self.s.next_steps,
        }
    }

    pub fn order_source(&self, s: OrderSource) -> &'static str {
        match s {
            OrderSource::Letter => self.pick("письмо", "letter"),
            OrderSource::Sales => self.pick("продажи", "sales"),
            OrderSource::Corporate => self.pick("корпоративный", "corporate"),
        }
    }

    pub fn order_stage(&self, s: OrderStage) -> &'static str {
        match s {
            OrderStage::Contract => self.pick("договор", "contract"),
            OrderStage::Paid => self.pick("оплачен", "paid"),
            OrderStage::Shipped => self.pick("отгружен", "shipped"),
            OrderStage::Closed => self.pick("закрыт", "closed"),
        }
    }

    pub fn role_name(&self, r: Role) -> &'static str {
        match r {
            Role::Salesperson => self.pick("продавец", "salesperson"),
            Role::AccountManager => self.pick("аккаунт-менеджер", "account manager"),
            Role::LetterWriter => self.pick("автор писем", "letter writer"),
            Role::BaseKeeper => self.pick("ведение базы", "client-base keeper"),
            Role::Director => self.pick("директор", "director"),
        }
    }

    /// A setting's name as the settings page labels it (`SettingsProblem::field`).
    pub fn setting_name(&self, field: &str) -> &'static str {
        match field {
            "quota" => self.quota,
            "cycle_days" => self.cycle_days,
            "minutes_per_letter" => self.minutes_per_letter,
            "minutes_per_call" => self.minutes_per_call,
            "attribution_days" => self.attribution_days,
            "inactive_days" => self.s.inactive_days,
            "work_from" => self.s.work_from,
            "work_to" => self.s.work_to,
            "answer_hours[0]" => self.s.answer_finance,
            "answer_hours[1]" => self.s.answer_technical,
            "answer_hours[2]" => self.s.answer_quality,
            "answer_hours[3]" => self.s.answer_sales,
            "new_within_months" => self.s.new_within_months,
            "company" | "company_en" => self.company,
            "sender_name" | "sender_name_en" => self.sender_name,
            "sender_title" | "sender_title_en" => self.sender_title,
            "signature" | "signature_en" => self.signature,
            "return_address" => self.return_address,
            "sender_email" => self.sender_email,
            "working_days" => self.working_days,
            "holidays" => self.holidays,
            _ => self.pick("настройка", "a setting"),
        }
    }

    /// Why a setting cannot be saved, with the range it must keep to.
    pub fn settings_problem(&self, p: SettingsProblem) -> String {
        match p {
            SettingsProblem::OutOfRange { min, max, .. } => self
                .pick("Допустимо от {min} до {max}", "Allowed: {min} to {max}")
                .replace("{min}", &min.to_string())
                .replace("{max}", &max.to_string()),
            SettingsProblem::TooLong { max, .. } => self
                .pick("Не длиннее {max} знаков", "At most {max} characters")
                .replace("{max}", &max.to_string()),
            SettingsProblem::NoWorkingDays => self
                .pick(
                    "Нужен хотя бы один рабочий день",
                    "At least one working day is needed",
                )
                .into(),
            SettingsProblem::WorkDayEmpty => self
                .pick(
                    "Рабочий день должен кончаться позже, чем начинается",
                    "The working day must end after it starts",
                )
                .into(),
            SettingsProblem::TooManyHolidays { max } => self
                .pick("Не больше {max} праздников", "At most {max} holidays")
                .replace("{max}", &max.to_string()),
            SettingsProblem::BadEmail(e) => {
                let lang = if self.ru() { Lang::Ru } else { Lang::En };
                problem_text(lang, Problem::Email(e)).into()
            }
        }
    }
}

pub fn problem_text(lang: Lang, p: Problem) -> &'static str {
    if lang == Lang::En {
        return p.message();
    }
    match p {
        Problem::EmptyName => "Укажите наименование",
        Problem::Phone(PhoneProblem::Empty) => "Телефон пуст",
        Problem::Phone(PhoneProblem::BadCharacters) => "В телефоне только цифры, пробелы и + ( ) -",
        Problem::Phone(PhoneProblem::TooShort) => "Мало цифр: нет кода города?",
        Problem::Phone(PhoneProblem::TooLong) => "Слишком много цифр для телефона",
        Problem::Email(EmailProblem::Empty) => "E-mail пуст",
        Problem::Email(EmailProblem::NoAt) => "В адресе нет @",
        Problem::Email(EmailProblem::BadLocal) => "Ошибка в части до @",
        Problem::Email(EmailProblem::BadDomain) => "Ошибка в домене после @",
        Problem::Email(EmailProblem::Spaces) => "В адресе не может быть пробелов",
        Problem::Inn(InnProblem::NotDigits) => "ИНН состоит только из цифр",
        Problem::Inn(InnProblem::Length) => "ИНН: 10 цифр у организации, 12 у ИП и физлица",
        Problem::Inn(InnProblem::Checksum) => "Контрольные цифры ИНН не сходятся: опечатка?",
        Problem::Kpp => "КПП — 9 цифр",
        Problem::Postcode(PostcodeProblem::NotSixDigits) => "Индекс — 6 цифр",
        Problem::ContactWithoutName => "Укажите фамилию или имя",
        Problem::EmptyDescription => "Укажите, что заказано",
        Problem::ZeroQuantity => "Количество — не меньше 1",
        Problem::NegativePrice => "Цена не может быть отрицательной",
        Problem::UnknownClient => "Нет такого клиента",
        Problem::UnknownProduct => "Нет такого товара",
        Problem::UnknownStaff => "Нет такого сотрудника",
        Problem::UnknownContact => "У клиента нет такого контактного лица",
        Problem::ZeroCapacity => "Ёмкость продавца — хотя бы 1 клиент",
        Problem::EmptyLetterForm => "Как назвать товар в письме (во множественном числе)",
        Problem::ImplausibleAmount => "Сумма отрицательна или неправдоподобно велика",
    }
}

/// Why a backup file was refused, in the user's language; paths and parser details stay as they are.
pub fn backup_error(lang: Lang, e: &BackupError) -> String {
    if lang == Lang::En {
        return e.to_string();
    }
    match e {
        BackupError::TooLarge { bytes } => format!("файл слишком велик ({} МБ)", bytes / 1_048_576),
        BackupError::Empty => "файл пуст".into(),
        BackupError::Syntax {
            line,
            column,
            message,
        } => format!("это не JSON или файл обрезан: строка {line}, позиция {column} ({message})"),
        BackupError::NotPismo => "это не резервная копия «Письма»".into(),
        BackupError::UnsupportedVersion { version } => format!(
            "версия копии {version} не поддерживается (эта программа читает версии 1–{})",
            crate::domain::backup::CURRENT_VERSION
        ),
        BackupError::Invalid { path, message } => format!("ошибка в {path}: {message}"),
    }
}

/// A storage failure in the user's language; the browser's own detail stays as it is.
pub fn storage_error(lang: Lang, e: &crate::storage::StorageError) -> String {
    use crate::storage::StorageError as E;
    if lang == Lang::En {
        return e.to_string();
    }
    match e {
        E::Unavailable(m) => format!("хранилище браузера недоступно: {m}"),
        E::BlockedUpgrade => {
            "базу держит открытой другая вкладка «Письма»: закройте её и перезагрузите страницу"
                .into()
        }
        E::VersionTooNew => {
            "данные записаны более новой версией «Письма»: перезагрузите страницу".into()
        }
        E::Quota => {
            "место для данных в браузере закончилось, ничего не записано. Освободите место на диске или удалите лишние данные сайтов в настройках браузера".into()
        }
        E::Codec { key, message } => format!("сохранённое значение {key}: {message}"),
        E::Changed(ids) => format!(
            "записей, изменённых в другой вкладке, пока вы правили: {}; ничего не записано",
            ids.len()
        ),
        E::Replaced => "базу целиком заменили в другой вкладке; это изменение не записано, страница покажет новую базу".into(),
        E::Refused => "браузер отказался записать изменения — скорее всего, закончилось место для данных; ничего не записано. Освободите место на диске или удалите лишние данные сайтов в настройках браузера".into(),
        E::Transaction(m) => format!("запись не удалась, ничего не записано: {m}"),
    }
}

/// Why an encrypted backup did not open, in the user's language.
pub fn sealed_error(lang: Lang, e: &crate::domain::backup::sealed::SealedError) -> String {
    use crate::domain::backup::sealed::SealedError as E;
    if lang == Lang::En {
        return e.to_string();
    }
    match e {
        E::NotSealed => "это не зашифрованная копия «Письма»".into(),
        E::Version(v) => {
            format!("копия зашифрована более новой версией «Письма» (контейнер версии {v})")
        }
        E::Header(what) => format!("заголовок файла повреждён ({what})"),
        E::WrongPasswordOrDamaged => {
            "неверный пароль, или файл изменён или обрезан; база не изменилась".into()
        }
    }
}
