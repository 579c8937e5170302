//! The letter-sales section's texts. Sentences with numbers are functions, so Russian plural
//! forms come out right.

use crate::app::router::PrintKind;
use crate::domain::format::group;
use crate::domain::letters::compose::DraftWarning;
use crate::domain::letters::figures::LetterFigures;
use crate::domain::letters::russian::plural;
use crate::domain::model::ResponseKind;

fn forecast_ru(pool: usize, quota: u32, days: u32, ends: &str, min: u32, cycle: u32) -> String {
    let n = pool as u64;
    format!(
        "В пуле {} {клиентов}, {quota} в день → цикл займёт {days} {рабочих} {дней}{end}; \
         чтобы уложиться в {cycle} {дн}, нужно не меньше {min} в день.",
        group(n as i64),
        клиентов = plural(n, "клиент", "клиента", "клиентов"),
        рабочих = plural(u64::from(days), "рабочий", "рабочих", "рабочих"),
        дней = plural(u64::from(days), "день", "дня", "дней"),
        end = if ends.is_empty() {
            String::new()
        } else {
            format!(", до {ends}")
        },
        дн = plural(u64::from(cycle), "день", "дня", "дней"),
    )
}

fn forecast_en(pool: usize, quota: u32, days: u32, ends: &str, min: u32, cycle: u32) -> String {
    let end = if ends.is_empty() {
        String::new()
    } else {
        format!(", ending on {ends}")
    };
    format!(
        "Pool {}, {quota} a day → the cycle takes {days} working days{end}; to fit {cycle} days \
         you need at least {min} a day.",
        group(pool as i64)
    )
}

fn sent_of_ru(sent: usize, all: usize) -> String {
    format!("отправлено {sent} из {all}")
}

fn sent_of_en(sent: usize, all: usize) -> String {
    format!("{sent} of {all} sent")
}

fn days_ru(d: u32) -> String {
    format!("на {d} {}", plural(u64::from(d), "день", "дня", "дней"))
}

fn days_en(d: u32) -> String {
    format!("by {d} days")
}

fn not_printed_ru(n: usize) -> String {
    format!(
        "{n} {} уходят по e-mail и здесь не печатаются",
        plural(n as u64, "письмо", "письма", "писем")
    )
}

fn not_printed_en(n: usize) -> String {
    format!("{n} letter(s) go by e-mail and are not printed here")
}

fn rule_ru(days: u32) -> String {
    format!(
        "Доход от писем: заказ, оформленный в день письма или в течение {days} {} после него \
         (или прямо связанный с письмом), засчитывается последнему письму этому клиенту — кто бы \
         затем ни вёл клиента. Срок меняется в настройках.",
        plural(u64::from(days), "дня", "дней", "дней")
    )
}

fn rule_en(days: u32) -> String {
    format!(
        "Revenue from letters: an order placed on the day of a letter or within {days} days after \
         it (or linked to the letter) counts for the latest letter to that client, whoever handled \
         the client afterwards. The window is set in the settings."
    )
}

fn handed_to_ru(name: &str) -> String {
    format!("Ответ записан, клиент передан: {name}")
}

fn handed_to_en(name: &str) -> String {
    format!("Answer recorded; the client is handed to {name}")
}

fn breakdown_ru(f: &LetterFigures) -> String {
    format!(
        "Ответы за период: заинтересованы {}, не сейчас {}, жалобы {}, отказы {}, возвраты {}.",
        f.handed_over, f.not_now, f.complaints, f.opt_outs, f.returned
    )
}

fn breakdown_en(f: &LetterFigures) -> String {
    format!(
        "Answers in the period: interested {}, not now {}, complaints {}, opt-outs {}, returned {}.",
        f.handed_over, f.not_now, f.complaints, f.opt_outs, f.returned
    )
}

fn kind_ru(k: ResponseKind) -> &'static str {
    match k {
        ResponseKind::Interested => "Заинтересован",
        ResponseKind::NotNow => "Не сейчас",
        ResponseKind::Complaint => "Жалоба",
        ResponseKind::OptOut => "Отказ от писем",
        ResponseKind::Returned => "Письмо вернулось",
    }
}

fn kind_en(k: ResponseKind) -> &'static str {
    match k {
        ResponseKind::Interested => "Interested",
        ResponseKind::NotNow => "Not now",
        ResponseKind::Complaint => "Complaint",
        ResponseKind::OptOut => "Opt-out",
        ResponseKind::Returned => "Returned",
    }
}

fn print_ru(k: PrintKind) -> &'static str {
    match k {
        PrintKind::Letters => "Письма A4",
        PrintKind::Dl => "Конверты DL",
        PrintKind::C5 => "Конверты C5",
        PrintKind::Labels => "Наклейки",
    }
}

fn print_en(k: PrintKind) -> &'static str {
    match k {
        PrintKind::Letters => "A4 letters",
        PrintKind::Dl => "DL envelopes",
        PrintKind::C5 => "C5 envelopes",
        PrintKind::Labels => "Labels",
    }
}

fn warning_ru(w: DraftWarning) -> &'static str {
    match w {
        DraftWarning::NoSenderName => "В настройках нет имени отправителя — подпись без имени.",
        DraftWarning::NoCompany => "В настройках нет названия компании.",
        DraftWarning::NoContactPerson => "Нет контактного лица — обращение нейтральное.",
        DraftWarning::GenderUnknown => "Пол контакта неизвестен — обращение нейтральное.",
        DraftWarning::NoLetterForms => {
            "У товаров последнего заказа нет формы для письма — написано «изделия»."
        }
        DraftWarning::RecentOrder => "Последний заказ моложе месяца.",
        DraftWarning::NoEnglishForms => {
            "Не у всех товаров есть английская форма — они названы по-русски."
        }
    }
}

fn warning_en(w: DraftWarning) -> &'static str {
    match w {
        DraftWarning::NoSenderName => {
            "No sender name in the settings: the letter is signed without one."
        }
        DraftWarning::NoCompany => "No company name in the settings.",
        DraftWarning::NoContactPerson => "No contact person: the greeting is neutral.",
        DraftWarning::GenderUnknown => "The contact's gender is unknown: the greeting is neutral.",
        DraftWarning::NoLetterForms => {
            "The last order's products have no letter form: it says “products”."
        }
        DraftWarning::RecentOrder => "The last order is less than a month old.",
        DraftWarning::NoEnglishForms => {
            "Some products have no English form and are named in Russian."
        }
    }
}

fn missing_en_ru(n: usize) -> String {
    let n64 = n as u64;
    format!(
        "{n} {} без названия для писем на английском: английские письма назовут {} по-русски. Заполните поле «В письме на английском».",
        plural(n64, "изделие", "изделия", "изделий"),
        if n == 1 { "его" } else { "их" }
    )
}

fn missing_en_en(n: usize) -> String {
    let what = if n == 1 {
        "product has"
    } else {
        "products have"
    };
    format!("{n} {what} no name for English letters: English letters will name them in Russian. Fill in “Name in an English letter”.")
}

fn paragraph_ru(slot: &str) -> String {
    match slot.strip_prefix("en:") {
        Some(s) => format!("{} (англ.)", paragraph_of_ru(s)),
        None => paragraph_of_ru(slot).to_string(),
    }
}

fn paragraph_en(slot: &str) -> String {
    match slot.strip_prefix("en:") {
        Some(s) => format!("{} (English)", paragraph_of_en(s)),
        None => paragraph_of_en(slot).to_string(),
    }
}

fn paragraph_of_ru(slot: &str) -> &'static str {
    match slot.split('.').next().unwrap_or_default() {
        "greeting" => "Приветствие",
        "intro" => "Кто пишет",
        "ordered" => "О прошлом заказе",
        "question" => "Вопрос",
        "reorder" => "Повторный заказ",
        "news" => "Новинки",
        "call" => "Просьба ответить",
        "closing" => "Подпись",
        "subject" => "Тема",
        _ => "Другое",
    }
}

fn paragraph_of_en(slot: &str) -> &'static str {
    match slot.split('.').next().unwrap_or_default() {
        "greeting" => "Greeting",
        "intro" => "Who writes",
        "ordered" => "The last order",
        "question" => "The question",
        "reorder" => "Ordering again",
        "news" => "What is new",
        "call" => "Asking for an answer",
        "closing" => "Closing",
        "subject" => "Subject",
        _ => "Other",
    }
}

texts! {
    Lt +
    forecast: fn(usize, u32, u32, &str, u32, u32) -> String = forecast_ru, forecast_en;
    sent_of: fn(usize, usize) -> String = sent_of_ru, sent_of_en;
    days: fn(u32) -> String = days_ru, days_en;
    not_printed_email: fn(usize) -> String = not_printed_ru, not_printed_en;
    attribution_rule: fn(u32) -> String = rule_ru, rule_en;
    answers_breakdown: fn(&LetterFigures) -> String = breakdown_ru, breakdown_en;
    answer_kind: fn(ResponseKind) -> &'static str = kind_ru, kind_en;
    print_kind: fn(PrintKind) -> &'static str = print_ru, print_en;
    warning: fn(DraftWarning) -> &'static str = warning_ru, warning_en;
    paragraph: fn(&str) -> String = paragraph_ru, paragraph_en;
    handed_to: fn(&str) -> String = handed_to_ru, handed_to_en;
    missing_en: fn(usize) -> String = missing_en_ru, missing_en_en;
    ;
    phrasings: "Какие формулировки получают ответы", "Which phrasings get answers";
    phrasing_col: "Формулировка (пример из письма)", "Phrasing (as a letter put it)";
    paragraph_col: "Абзац", "Paragraph";
    letters_col: "Писем", "Letters";
    answers_col: "Ответов", "Answers";
    rate_col: "Доля ответов", "Answer rate";
    too_few: "мало писем", "not enough letters yet";
    favour_answers: "Чаще писать формулировками, на которые чаще отвечают", "Use the phrasings that get more answers more often";
    favour_hint: "Каждое письмо запоминает, какой вариант каждого абзаца в нём был. Когда у всех вариантов абзаца набирается по 30 писем, четыре письма из пяти получают вариант с лучшей долей ответов, а пятое — любой, чтобы сравнение продолжалось. Пока писем меньше, варианты чередуются поровну. Доход — по тому же правилу, что и выше.", "Every letter remembers which version of each paragraph it had. Once every version of a paragraph has 30 letters, four letters in five get the version with the best answer rate and the fifth any, so the comparison goes on. Until then the versions take turns evenly. Revenue follows the rule above.";
    section: "Письма", "Letters";
    today: "Сегодня", "Today";
    answers: "Ответы", "Answers";
    figures: "Показатели", "Figures";
    todays_letters: "Письма на сегодня", "Today's letters";
    planning: "Составляю очередь на сегодня…", "Planning today's queue…";
    no_letters_empty_base: "В базе пока нет клиентов: загрузите демо-компанию на главной странице или импортируйте клиентов из CSV. Очередь на сегодня пополнится сама.", "The base has no clients yet: load the demo company on the home page or import clients from a CSV file. Today's queue fills up by itself.";
    no_letters_day_off: "Сегодня нерабочий день: письма не планируются.", "Today is not a working day: no letters are planned.";
    no_letters_zero_quota: "Дневная норма писем — ноль: её задают в настройках.", "The daily quota of letters is zero: it is set in Settings.";
    no_letters_empty_pool: "В пуле писем нет клиентов: все у продавцов, отказались от писем или без адреса.", "No client is in the letter pool: all are with salespeople, opted out or without an address.";
    no_letters_all_written: "Сегодня писем нет: всем клиентам пула уже написали в этом цикле.", "No letters today: every pool client has had a letter this cycle.";
    go_home: "На главную", "Home page";
    go_import: "Импорт CSV", "CSV import";
    mark_all_sent: "Отметить все отправленными", "Mark all as sent";
    confirm_mark_all: "Отметить все неотправленные письма дня отправленными? Текст каждого сохранится как отправленный.", "Mark every unsent letter of the day as sent? Each text is kept as sent.";
    all_marked_sent: "Все письма дня отмечены отправленными", "All of today's letters are marked as sent";
    state_new: "Черновик", "Draft";
    state_edited: "Черновик изменён", "Edited draft";
    state_sent: "Отправлено", "Sent";
    state_left: "Выбыл из пула", "Left the pool";
    add_by_hand: "Добавить клиента в очередь", "Add a client to the queue";
    subject: "Тема", "Subject";
    last_order: "Последний заказ", "Last order";
    body: "Текст письма", "Letter";
    mark_sent: "Отправлено ✓", "Sent ✓";
    marked_sent: "Письмо отмечено отправленным", "Letter marked as sent";
    draft_kept: "Правка сохранена", "Edit kept";
    by_post: "Почтой", "By post";
    by_email: "По e-mail", "By e-mail";
    open_in_mail: "Открыть в почте", "Open in mail";
    download_eml: "Скачать .eml", "Download .eml";
    skip: "Пропустить", "Skip";
    skip_hint: "Убрать из сегодняшней очереди; клиент вернётся завтра", "Take out of today's queue; the client comes back tomorrow";
    postpone: "Отложить", "Postpone";
    sent_on: "Отправлено", "Sent on";
    earlier_letters: "Прошлые письма", "Earlier letters";
    no_earlier_letters: "Писем ещё не было", "No letters yet";
    no_orders: "Заказов нет", "No orders";
    no_answer: "без ответа", "no answer";
    answer: "Ответ", "Answer";
    record_answer: "Записать ответ", "Record answer";
    change_answer: "Изменить ответ", "Change answer";
    answer_note: "Комментарий", "Note";
    hand_over_to: "Передать продавцу (занято / мест)", "Hand over to (clients / capacity)";
    hand_over: "Передать продавцу", "Hand over";
    save_answer: "Сохранить ответ", "Save answer";
    answer_saved: "Ответ записан", "Answer recorded";
    no_salespeople: "Нет активных продавцов: добавьте их в разделе «Сотрудники»", "No active salespeople: add them under Staff";
    over_capacity: "У продавца нет свободных мест", "This salesperson is at capacity";
    find_client: "Клиент…", "Client…";
    only_unanswered: "Только без ответа", "Only unanswered";
    sent_col: "Отправлено", "Sent";
    narrow_down: "Показаны первые 200; уточните поиск.", "The first 200 are shown; narrow the search.";
    complaints: "Жалобы к разбору", "Complaints to follow up";
    no_complaints: "Открытых жалоб нет", "No open complaints";
    followed_up: "Разобрано", "Dealt with";
    fix_addresses: "Исправить адрес", "Fix the address";
    fix_addresses_hint: "Письма вернулись или e-mail не дошёл. Откройте клиента, исправьте адрес и сохраните.", "The letter came back or the e-mail bounced. Open the client, fix the address and save.";
    print: "Печать", "Print";
    back_to_queue: "← К очереди", "← Back to the queue";
    this_month: "Этот месяц", "This month";
    last_month: "Прошлый месяц", "Last month";
    this_quarter: "Этот квартал", "This quarter";
    this_year: "Этот год", "This year";
    fig_sent: "Писем отправлено", "Letters sent";
    fig_coverage: "Охват пула в текущем цикле", "Pool covered this cycle";
    fig_response: "Доля ответов", "Response rate";
    fig_handed_over: "Передано продавцам", "Handed to salespeople";
    fig_revenue: "Доход от писем", "Revenue from letters";
    fig_orders: "Заказов после писем", "Orders after letters";
    fig_writing: "Время на письма, ч:мин", "Time writing, h:min";
    fig_phoning: "Обзвон тех же клиентов, ч:мин", "Phoning them instead, h:min";
    chart_days: "Писем в день за 30 рабочих дней", "Letters a day, last 30 working days";
    chart_weeks: "Письма и ответы по неделям", "Letters and answers by week";
    series_sent: "Письма", "Letters";
    series_answers: "Ответы", "Answers";
    quota: "норма", "quota";
    in_pool: "В пуле писем: получает письмо раз в цикл.", "In the letter pool: gets a letter every cycle.";
    out_owned: "Не в пуле писем: с клиентом работает", "Not in the letter pool: handled by";
    out_dnc: "Не в пуле писем: просил не связываться.", "Not in the letter pool: asked not to be contacted.";
    out_merged: "Не в пуле писем: объединён с другой записью.", "Not in the letter pool: merged into another record.";
    out_unreachable: "Не в пуле писем: нет ни почтового адреса, ни e-mail, куда дойдёт письмо.", "Not in the letter pool: no postal address or e-mail a letter can reach.";
    out_of_pool: "Вне пула", "Out of the pool";
    reason_owned: "у продавцов", "with salespeople";
    reason_dnc: "не писать", "do not contact";
    reason_merged: "объединены", "merged";
    reason_unreachable: "нет адреса", "unreachable";
}
