//! The client-base section's texts: duplicates, merges.

use crate::domain::import::apply::Summary;

fn summary_ru(s: Summary) -> String {
    format!(
        "Новых: {}, уже есть в базе: {}, повторов в файле (объединяются): {}, с замечаниями: {}, не импортируются: {}.",
        s.new, s.existing, s.in_file, s.with_warnings, s.refused
    )
}

fn summary_en(s: Summary) -> String {
    format!(
        "New: {}, already in the base: {}, repeated in the file (merged): {}, with remarks: {}, not imported: {}.",
        s.new, s.existing, s.in_file, s.with_warnings, s.refused
    )
}

fn undone_ru(removed: usize, restored: usize, kept: usize) -> String {
    let mut t = format!(
        "Импорт отменён: удалено новых клиентов — {removed}, возвращено прежних — {restored}."
    );
    if kept > 0 {
        t.push_str(&format!(" Изменены после импорта и оставлены: {kept}."));
    }
    t
}

fn undone_en(removed: usize, restored: usize, kept: usize) -> String {
    let mut t = format!("Import undone: {removed} new clients removed, {restored} restored.");
    if kept > 0 {
        t.push_str(&format!(
            " Edited after the import and left as they are: {kept}."
        ));
    }
    t
}

texts! {
    Bt +
    import_summary: fn(Summary) -> String = summary_ru, summary_en;
    import_undone: fn(usize, usize, usize) -> String = undone_ru, undone_en;
    ;
    duplicates: "Возможные дубли", "Possible duplicates";
    searching: "Ищу дубли…", "Looking for duplicates…";
    no_duplicates: "Дублей не найдено", "No duplicates found";
    scan_again: "Искать заново", "Search again";
    recent_merges: "Объединения, которые можно отменить", "Merges that can be undone";
    undo: "Отменить", "Undo";
    merge_undone: "Объединение отменено: записи восстановлены", "Merge undone: the records are back";
    survives: "Остаётся запись", "Record kept";
    merge: "Объединить", "Merge";
    merged: "Объединено: заказы, письма и история — у оставшейся записи", "Merged: orders, letters and history are on the kept record";
    not_duplicates: "Это не дубли", "Not duplicates";
    marked_not_duplicates: "Запомнено: больше не предлагать", "Remembered: will not be proposed again";
    merge_hint: "Телефоны, e-mail, адреса, контактные лица, сегменты и заметки всех записей сохраняются; другие записи остаются помеченными, объединение можно отменить.", "Phones, e-mails, addresses, contact persons, segments and notes of every record are kept; the other records stay, marked, and the merge can be undone.";
    forms_differ: "Разные организационно-правовые формы: проверьте, что это одна организация", "Different legal forms: check that this is one organisation";
    confirm_forms_differ: "У записей разные организационно-правовые формы. Всё равно объединить?", "The records have different legal forms. Merge anyway?";
    f_inn: "ИНН", "Tax id";
    f_phone: "телефон", "phone";
    f_email: "e-mail", "e-mail";
    f_name: "название", "name";
    f_address: "адрес", "address";
    f_postcode: "индекс", "postcode";
    f_legal_form: "форма", "legal form";
    f_kpp: "КПП", "KPP";
    f_person: "ФИО", "full name";
    f_contact: "контактное лицо", "contact person";
    m_same: "совпадает", "the same";
    m_close: "совпадает с опечаткой", "the same but for a typo";
    m_similar: "похоже", "similar";
    m_shared: "общий у многих", "shared by many";
    m_unrelated: "совпадает, но названия разные", "the same, but the names differ";
    m_same_street: "та же улица, другой дом", "the same street, another house";
    m_same_city: "тот же город", "the same city";
    m_different: "различается", "differs";
    open_duplicates: "Дубли", "Duplicates";
    decisions: "Решения о дублях", "Duplicate decisions";
    recent_changes: "Изменения", "Changes";
    import_csv: "Импорт из CSV", "Import CSV";
    import_hint: "Файл из Excel или 1С: UTF-8 или Windows-1251, разделитель «;», «,» или табуляция. Сначала проверяются все строки; база меняется только по кнопке и сразу вся.", "A file from Excel or 1C: UTF-8 or Windows-1251, separated by «;», «,» or tabs. Every row is checked first; the base changes only when you apply, all at once.";
    mapping: "Столбцы", "Columns";
    line: "Строка", "Row";
    verdict: "Итог", "Outcome";
    problems: "Замечания", "Remarks";
    result_contacts: "Телефоны и e-mail в итоге", "Phones and e-mails as imported";
    v_existing: "уже есть:", "already in the base:";
    update_existing: "Дополнять найденных клиентов", "Add to the clients found";
    apply_import: "Импортировать", "Import";
    show_rows: "Показать", "Show";
    rows_all: "все строки", "all rows";
    rows_new: "новые", "new";
    rows_merged: "объединённые повторы", "merged repeats";
    rows_in_base: "уже в базе", "in the base";
    rows_warnings: "с замечаниями", "with remarks";
    rows_refused: "не импортируемые", "not imported";
    show_more: "Показать ещё", "Show more";
    unclosed_quotes: "Кавычка открыта и не закрыта: следующие строки файла попали в одну ячейку. Проверьте строки", "A quote is opened and never closed: the next lines of the file went into one cell. Check rows";
    import_report: "Отчёт об импорте", "Import report";
    download_report: "Скачать отчёт (CSV)", "Download the report (CSV)";
    undo_import: "Отменить этот импорт", "Undo this import";
    last_import: "Последний импорт", "Last import";
    confirm_undo_import: "Отменить импорт? Новые клиенты из файла будут удалены, дополненные — возвращены к прежнему виду.", "Undo the import? The new clients from the file will be deleted and the clients it added to put back as they were.";
    maybe_exists: "Возможно, этот клиент уже есть:", "This client may exist already:";
}

impl super::Tr {
    /// A CSV column's meaning, as the mapping offers it.
    pub fn column(&self, c: crate::domain::import::Column) -> &'static str {
        use crate::domain::import::Column;
        let (ru, en) = match c {
            Column::Name => ("Наименование", "Name"),
            Column::LegalForm => ("Форма (ООО, ИП…)", "Legal form"),
            Column::Inn => ("ИНН", "Tax id (ИНН)"),
            Column::Kpp => ("КПП", "KPP (КПП)"),
            Column::Phone => ("Телефон", "Phone"),
            Column::Email => ("E-mail", "E-mail"),
            Column::Postcode => ("Индекс", "Postcode"),
            Column::Region => ("Регион", "Region"),
            Column::City => ("Город", "City"),
            Column::Address => ("Адрес", "Address"),
            Column::Contact => ("Контактное лицо", "Contact person"),
            Column::Position => ("Должность", "Position"),
            Column::Segment => ("Сегмент", "Segment"),
            Column::Notes => ("Примечание", "Notes"),
        };
        self.pick(ru, en)
    }

    /// A field's path in a client (`contacts[1].phones[0].number`) in words: «Контактное лицо 2:
    /// телефон 1».
    pub fn field_path(&self, path: &str) -> String {
        let word = |name: &str| -> &'static str {
            let (ru, en) = match name {
                "name" => ("наименование", "name"),
                "inn" => ("ИНН", "tax id"),
                "kpp" => ("КПП", "KPP"),
                "phones" | "number" => ("телефон", "phone"),
                "emails" | "address" => ("e-mail", "e-mail"),
                "addresses" => ("адрес", "address"),
                "postcode" => ("индекс", "postcode"),
                "contacts" => ("контактное лицо", "contact person"),
                "last" => ("фамилия", "last name"),
                "first" => ("имя", "first name"),
                "patronymic" => ("отчество", "patronymic"),
                "legal_form" => ("правовая форма", "legal form"),
                "owner" => ("ответственный", "owner"),
                "do_not_contact" => ("не беспокоить", "do not contact"),
                "email" => ("e-mail", "e-mail"),
                "phone" => ("телефон", "phone"),
                "capacity" => ("ёмкость", "capacity"),
                "price_kop" => ("цена", "price"),
                "amount_kop" => ("сумма", "amount"),
                "contact" => ("контактное лицо", "contact person"),
                "letter_form" => ("форма в письмах", "form in letters"),
                _ => ("поле", "field"),
            };
            self.pick(ru, en)
        };
        let mut parts: Vec<String> = Vec::new();
        for piece in path.split('.') {
            let (name, index) = match piece.split_once('[') {
                Some((n, rest)) => (n, rest.trim_end_matches(']').parse::<usize>().ok()),
                None => (piece, None),
            };
            // `phones[0].number` says «phone» once.
            let w = word(name);
            if index.is_none() && parts.last().is_some_and(|p| p.starts_with(w)) {
                continue;
            }
            parts.push(match index {
                Some(i) => format!("{w} {}", i + 1),
                None => w.to_string(),
            });
        }
        let mut text = parts.join(": ");
        if let Some(first) = text.chars().next() {
            text = first.to_uppercase().chain(text.chars().skip(1)).collect();
        }
        text
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn field_paths_read_as_words() {
        let ru = super::super::tr(crate::domain::model::Lang::Ru);
        assert_eq!(ru.field_path("inn"), "ИНН");
        assert_eq!(ru.field_path("emails[0].address"), "E-mail 1");
        assert_eq!(ru.field_path("addresses[1].postcode"), "Адрес 2: индекс");
        assert_eq!(
            ru.field_path("contacts[0].phones[1].number"),
            "Контактное лицо 1: телефон 2"
        );
        // The fields a change history names.
        assert_eq!(ru.field_path("owner"), "Ответственный");
        assert_eq!(ru.field_path("do_not_contact"), "Не беспокоить");
        assert_eq!(ru.field_path("legal_form"), "Правовая форма");
        let en = super::super::tr(crate::domain::model::Lang::En);
        assert_eq!(en.field_path("phones[0].number"), "Phone 1");
        assert_eq!(en.field_path("do_not_contact"), "Do not contact");
    }
}
