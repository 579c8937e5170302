//! The texts of the data-quality page and the address lists.

use super::Tr;
use crate::domain::mailing::Left;
use crate::domain::quality::Issue;

fn left_ru(n: usize) -> String {
    format!("Не вошли: {n}")
}

fn left_en(n: usize) -> String {
    format!("Left out: {n}")
}

fn replaced_ru(n: usize) -> String {
    format!("{n} знаков нет в кодировке Windows-1251, они заменены на «?». Выберите UTF-8, чтобы сохранить их.")
}

fn replaced_en(n: usize) -> String {
    format!("{n} characters do not exist in Windows-1251 and were written as «?». Choose UTF-8 to keep them.")
}

texts! {
    Qt +
    left_out: fn(usize) -> String = left_ru, left_en;
    replaced: fn(usize) -> String = replaced_ru, replaced_en;
    ;
    quality: "Качество данных", "Data quality";
    quality_hint: "Откройте клиента, исправьте и нажмите «Подтверждено сегодня»: подтверждение снимает пропуски на год, неверные значения — только исправление.", "Open the client, fix it and press «Confirmed today»: confirming clears what is missing for a year; what is wrong clears only when fixed.";
    confirmed_share: "Подтверждены за 12 месяцев", "Confirmed in the last 12 months";
    confirm: "Подтверждено сегодня", "Confirmed today";
    confirmed_toast: "Отмечено: данные подтверждены сегодня", "Marked: data confirmed today";
    still_wrong: "Неверные значения остались: исправьте их в карточке", "Wrong values remain: fix them on the client's page";
    nothing_here: "Здесь всё в порядке", "Nothing to fix here";
    duplicates_pending: "Дубли ещё ищутся…", "Still looking for duplicates…";
    lists: "Адресные списки", "Address lists";
    list_name: "Название списка", "List name";
    channel: "Для рассылки", "For";
    by_post: "почтой", "post";
    by_email: "по e-mail", "e-mail";
    kind: "Тип клиента", "Client type";
    any: "любой", "any";
    companies: "организации", "companies";
    persons: "частные лица", "private persons";
    segments: "Сегменты", "Segments";
    place: "Город или регион", "City or region";
    owner: "Кто ведёт", "Owner";
    owner_any: "все", "everyone";
    owner_nobody: "никто (письма)", "nobody (letters)";
    owner_owned: "любой продавец", "any salesperson";
    also_email: "и есть e-mail", "and has an e-mail";
    also_post: "и есть почтовый адрес", "and has a postal address";
    exclusions: "Всегда исключаются: «не беспокоить», записи, ждущие объединения дублей, и повторы одного адреса.", "Always left out: do-not-contact, records waiting for a duplicate merge, and an address already on the list.";
    addresses: "Адресов", "Addresses";
    given_to: "Кому передаётся", "Given to";
    given_to_hint: "типография, коллега, сервис рассылки", "printing house, colleague, mailing service";
    csv_utf8: "CSV (UTF-8)", "CSV (UTF-8)";
    csv_1251: "CSV (Windows-1251)", "CSV (Windows-1251)";
    labels: "Печать наклеек", "Print labels";
    back_to_list: "К списку", "Back to the list";
    save_list: "Сохранить список", "Save list";
    saved_lists: "Сохранённые списки", "Saved lists";
    list_saved: "Список сохранён", "List saved";
    list_deleted: "Список удалён", "List deleted";
    name_required: "Назовите список", "Name the list";
    delete: "Удалить", "Delete";
    log: "Журнал выдачи", "Lists given";
    log_empty: "Списки ещё не выдавались", "No list has been given yet";
    when: "Когда", "When";
    what: "Список", "List";
    to_whom: "Кому", "To";
    format: "Формат", "Format";
    logged: "Выгрузка записана в журнал", "The export is logged";
    unnamed: "Без названия", "Untitled";
    first_rows: "Первые строки", "First rows";
}

impl Tr {
    pub fn issue(&self, i: Issue) -> &'static str {
        let (ru, en) = match i {
            Issue::ReturnedMail => ("Письмо вернулось", "Letter returned"),
            Issue::PendingDuplicate => ("Возможный дубль", "Possible duplicate"),
            Issue::BadPhone => ("Неверный телефон", "Invalid phone"),
            Issue::BadEmail => ("Неверный e-mail", "Invalid e-mail"),
            Issue::BadPostcode => ("Неверный индекс", "Invalid postcode"),
            Issue::BadInn => ("Неверный ИНН", "Invalid tax id"),
            Issue::NoPhone => ("Нет телефона", "No phone"),
            Issue::NoEmail => ("Нет e-mail", "No e-mail"),
            Issue::NoPostcode => ("Нет индекса", "No postcode"),
            Issue::NoInn => ("Нет ИНН", "No tax id"),
            Issue::NotConfirmed => ("Не подтверждены 12 месяцев", "Not confirmed for 12 months"),
        };
        self.pick(ru, en)
    }

    pub fn left(&self, l: Left) -> &'static str {
        let (ru, en) = match l {
            Left::DoNotContact => ("не беспокоить", "do not contact"),
            Left::PendingMerge => ("ждут объединения", "waiting for a merge"),
            Left::NoAddress => ("нет адреса", "no address"),
            Left::NoOther => ("нет второго канала", "no second channel"),
            Left::SameAddress => ("адрес уже в списке", "address already listed"),
        };
        self.pick(ru, en)
    }
}
